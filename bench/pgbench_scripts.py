#!/usr/bin/env python3
"""Builds the two pgbench scripts of ./bench.sh append.

usage: pgbench_scripts.py <captured.log> <commitment id of the captured request> <number of targets> <output dir>

(a) single-insert.sql: a single-row INSERT of a row like the one a delivery adds.
(b) command-statements.sql: the statements one delivery command sent, as PostgreSQL logged them (log_statement=all),
    replayed with their logged values. Only what must differ per transaction differs: the commitment (picked at random
    among the generated ones, like wrk does), the new ids (event and delivery), and the append function's expected
    version (NULL, so a replay on a random commitment is not refused; the function still reads the stream's version).
    One extra statement per transaction picks those values (\\gset).
"""
import json
import re
import sys

log_path, commitment_id, targets, out = sys.argv[1], sys.argv[2].lower(), int(sys.argv[3]), sys.argv[4]
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ENTRY = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \w+ \[(\d+)\] (\w+):  (.*)$")

# Log entries, continuation lines joined.
entries = []
for line in open(log_path, encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    m = ENTRY.match(line)
    if m:
        entries.append([m.group(1), m.group(2), m.group(3)])
    elif entries:
        entries[-1][2] += "\n" + line.lstrip("\t")

marker_pids = {pid for pid, _, msg in entries if "bench-capture-" in msg}


def parse_parameters(text):
    """'$1 = '...', $2 = NULL' -> {1: "...", 2: None} (values as PostgreSQL printed them, quotes undone)."""
    values, i = {}, 0
    while True:
        m = re.compile(r"\s*\$(\d+) = ").match(text, i)
        if not m:
            return values
        n, i = int(m.group(1)), m.end()
        if text.startswith("NULL", i):
            values[n], i = None, i + 4
        else:
            assert text[i] == "'", text[i:i + 40]
            i += 1
            buf = []
            while True:
                if text[i] == "'" and text.startswith("''", i):
                    buf.append("'")
                    i += 2
                elif text[i] == "'":
                    i += 1
                    break
                else:
                    buf.append(text[i])
                    i += 1
            values[n] = "".join(buf)
        if text.startswith(",", i):
            i += 1


statements = []
for pid, level, msg in entries:
    if pid in marker_pids:
        continue
    if level == "LOG":
        m = re.match(r"(?:execute [^:]+|statement): (.*)", msg, re.S)
        if m and "wolverine_" not in m.group(1) and m.group(1).strip().lower() not in ("select 1", "discard all"):
            statements.append({"pid": pid, "sql": m.group(1).strip(), "params": {}})
    elif level == "DETAIL" and msg.startswith("parameters:") and statements and statements[-1]["pid"] == pid:
        statements[-1]["params"] = parse_parameters(msg[len("parameters:"):])

if not any("mt_quick_append_events" in s["sql"] for s in statements):
    sys.exit("the captured log holds no append: " + log_path)
# Only the command's own session: the async daemon (woken by the append's NOTIFY) and the audit job work on other
# connections during the same request, and are no part of what one delivery sends.
command_pids = {s["pid"] for s in statements if "mt_quick_append_events" in s["sql"]}
statements = [s for s in statements if s["pid"] in command_pids]

response = json.load(open(f"{out}/captured-response.json"))
fresh = {response["id"].lower(): "delivery"}
for s in statements:
    if "mt_quick_append_events" in s["sql"]:
        for value in (s["params"].get(4) or "").strip("{}").split(","):
            if UUID.match(value.lower()):
                fresh[value.lower()] = "event"
names = {uuid: f"f{i}" for i, uuid in enumerate(fresh)}


def literal(n, value, sql):
    if value is None:
        return "NULL"
    if "mt_quick_append_events" in sql and n == 14:
        return "NULL"  # the expected version: see the docstring
    v = value.lower()
    if v == commitment_id:
        return ":cid"
    if v in names:
        return f":{names[v]}"
    inner = v.strip("{}")
    if v.startswith("{") and inner in names:
        return f"ARRAY[:{names[inner]}::uuid]"
    return "'" + value.replace("'", "''") + "'"


# Each client delivers against its own share of the commitments: two replays of the same stream at once would collide
# on its next version (the Api answers that with a 409; pgbench would abort the client).
share = max(1, targets // 16)
lines = [f"\\set n (:client_id % 16) * {share} + random(1, {share})",
         "select (select id from bench_targets where n = :n) as cid" + "".join(f", gen_random_uuid() as {v}" for v in names.values()) + " \\gset"]
for s in statements:
    sql = s["sql"]
    for n in sorted(s["params"], reverse=True):  # $10 before $1
        sql = re.sub(rf"\${n}(?!\d)", lambda _: literal(n, s["params"][n], s["sql"]), sql)
    lines.append(sql.replace("\n", " ").rstrip(";") + ";")

with open(f"{out}/command-statements.sql", "w") as f:
    f.write("\n".join(lines) + "\n")
with open(f"{out}/single-insert.sql", "w") as f:
    f.write("insert into bench_single_insert (id, commitment_id, period, quantity, data) values (gen_random_uuid(), gen_random_uuid(), "
            "'2026-03', 100, '{\"id\": \"0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\", \"commitmentId\": \"0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c\", "
            "\"period\": \"2026-03\", \"quantity\": 100, \"evidence\": null, \"recordedAt\": \"2026-11-29T15:00:00Z\", \"recordedBy\": \"Bench Editor\"}');\n")

print(f"[bench] captured {len(statements)} statements of one delivery:", file=sys.stderr)
for s in statements:
    print("   ", re.sub(r"\s+", " ", s["sql"])[:120], file=sys.stderr)
