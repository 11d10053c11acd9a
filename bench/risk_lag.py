#!/usr/bin/env python3
"""./bench.sh risk: the delay from a reschedule's 200 to GET /api/risk showing the commitment's new level.

usage: risk_lag.py OUT PORT [PAIRS]   (OUT holds token.txt, manifest.json, ids.json; PAIRS default 100: 2 reschedules each)

Picks PAIRS commitments at random (seeded) in the healthy clusters, whose first milestone is 20+ days ahead (level
none). Each pair of reschedules: (1) the first milestone moved to 40 days ago: the commitment becomes critical
(milestone-long-overdue; what depends on it becomes at-risk), timed from the 200 to the first
GET /api/risk?level=critical that lists it; (2) moved back to its date: timed from the 200 to the first such page
that no longer lists it. Critical is the only level propagation never gives (inherited risk is at-risk), so that page is
short (the troubled clusters' own long-overdue commitments) and shows exactly the commitment's own level. Polls
back to back on one keep-alive connection. Writes lags.tsv and prints p50, p95, p99, max.
"""
import datetime
import http.client
import json
import math
import random
import sys
import time

out, port = sys.argv[1], int(sys.argv[2])
pairs = int(sys.argv[3]) if len(sys.argv) > 3 else 100
token = open(f"{out}/token.txt").read().strip()
manifest = json.load(open(f"{out}/manifest.json"))
ids = json.load(open(f"{out}/ids.json"))
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
writer = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
reader = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
TIMEOUT = 60.0


def call(conn, method, path, body=None):
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, data


def critical_ids():
    status, data = call(reader, "GET", "/api/risk?level=critical&pageSize=500")
    if status != 200:
        sys.exit(f"GET /api/risk answered {status}: {data[:300]!r}")
    page = json.loads(data)
    if page["total"] > len(page["items"]):
        sys.exit(f"more critical commitments ({page['total']}) than one page holds")
    return {row["id"] for row in page["items"]}


def reschedule(i, due):
    c, m = ids[f"commitment:risk-c{i}"], ids[f"milestone:risk-m{i}-1"]
    status, data = call(writer, "POST", f"/api/commitments/{c}/milestones/{m}/reschedule",
                        {"dueOn": due.isoformat(), "reason": "risk benchmark"})
    if status != 200:
        sys.exit(f"reschedule answered {status}: {data[:300]!r}")
    return time.perf_counter(), c


def wait(commitment, present, since):
    polls = 0
    while True:
        polls += 1
        if (commitment in critical_ids()) == present:
            return (time.perf_counter() - since) * 1000, polls
        if time.perf_counter() - since > TIMEOUT:
            sys.exit(f"{commitment} still {'absent from' if present else 'listed on'} the critical page after {TIMEOUT:.0f} s")


dependents = {}
for other in manifest["commitments"]:
    for up in other["upstream"]:
        dependents.setdefault(up, []).append(other["i"])


def closure(i):
    """How many commitments depend on i, directly or not: what the daemon works out again after i changes."""
    seen, todo = set(), [i]
    while todo:
        for d in dependents.get(todo.pop(), []):
            if d not in seen:
                seen.add(d)
                todo.append(d)
    return len(seen)


today = datetime.datetime.now(datetime.timezone.utc).date()
healthy = [c for c in manifest["commitments"] if c["kind"] == "healthy" and c["overdueDays"] is None]
chosen = random.Random(23).sample(healthy, pairs)
baseline = critical_ids()
rows = []
for n, c in enumerate(chosen):
    i, back = c["i"], datetime.date.fromisoformat(c["first"])
    if back <= today + datetime.timedelta(days=15):
        continue
    downstream = closure(i)
    t, cid = reschedule(i, today - datetime.timedelta(days=40))
    lag, polls = wait(cid, True, t)
    rows.append(("to-critical", i, downstream, lag, polls))
    t, _ = reschedule(i, back)
    lag, polls = wait(cid, False, t)
    rows.append(("back", i, downstream, lag, polls))
    if (n + 1) % 20 == 0:
        print(f"[risk] {2 * (n + 1)} reschedules", file=sys.stderr)
if critical_ids() != baseline:
    print("[risk] warning: the critical page differs from before the reschedules", file=sys.stderr)

with open(f"{out}/lags.tsv", "w") as f:
    f.write("direction\tcommitment\tdownstream_closure\tlag_ms\tpolls\n")
    for r in rows:
        f.write(f"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]:.1f}\t{r[4]}\n")
lags = sorted(r[3] for r in rows)
pick = lambda q: lags[min(len(lags) - 1, math.ceil(q * len(lags)) - 1)]
print(f"{len(lags)} {pick(0.5):.1f} {pick(0.95):.1f} {pick(0.99):.1f} {lags[-1]:.1f}")
