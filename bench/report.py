#!/usr/bin/env python3
"""Prints the figures of ./bench.sh append from bench/results: requests/s, p50, p99 and both ratios."""
import glob
import re
import sys

out = sys.argv[1]


def wrk_figures(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))

    def ms(label):
        m = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", text)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    total = int(re.search(r"(\d+) requests in", text).group(1))
    errors = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", text)) else 0
    return rps, ms("50%"), ms("99%"), total, errors


def pgbench_figures(name):
    text = open(f"{out}/pgbench-{name}.txt").read()
    tps = float(re.search(r"tps = ([\d.]+)", text).group(1))
    failed = int(m.group(1)) if (m := re.search(r"number of failed transactions: (\d+)", text)) else 0
    latencies = sorted(int(line.split()[2]) for line in open(f"{out}/pgbench-{name}.latencies") if len(line.split()) > 2)
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] / 1000
    return tps, pick(0.50), pick(0.99), failed


def wal_per_transaction(name):
    """The WAL a pgbench run wrote, per transaction it ran: what the statements alone cost the log."""
    def lsn(suffix):
        high, low = open(f"{out}/wal-{name}.{suffix}").read().strip().split("/")
        return (int(high, 16) << 32) + int(low, 16)
    transactions = sum(1 for line in open(f"{out}/pgbench-{name}.latencies") if len(line.split()) > 2)
    return (lsn("after") - lsn("before")) / max(1, transactions)


rps, p50, p99, total, errors = wrk_figures(f"{out}/wrk.txt")
a_tps, a50, a99, a_failed = pgbench_figures("single-insert")
b_tps, b50, b99, b_failed = pgbench_figures("command-statements")

print()
print("./bench.sh append: POST /api/commitments/{id}/deliveries, 16 connections")
print(f"  HTTP (wrk)                          {rps:9.0f} requests/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   ({total} requests, {errors} not 201)")
print(f"  (a) pgbench single-row INSERT       {a_tps:9.0f} tps          p50 {a50:6.2f} ms   p99 {a99:6.2f} ms   ({a_failed} failed)")
print(f"  (b) pgbench the command's statements{b_tps:9.0f} tps          p50 {b50:6.2f} ms   p99 {b99:6.2f} ms   ({b_failed} failed)")
print(f"  ratio to (a): {rps / a_tps:.3f}   (target >= 0.30 with p99 <= 50 ms: {'met' if rps / a_tps >= 0.30 and p99 <= 50 else 'not met'})")
print(f"  ratio to (b): {rps / b_tps:.3f}   (what the application adds beyond its own SQL)")
try:
    behind = float(open(f"{out}/catch-up-seconds.txt").read())
    print(f"  after the run, the daemon and the audit job caught up in {behind:.1f} s (the reference ran after that)")
except FileNotFoundError:
    pass
try:
    import json
    cpu = {k: json.load(open(f"{out}/cpu-{k}.json")) for k in ("start", "end", "caught-up")}
    created = max(1, total - errors)
    for label, until in (("during the run", "end"), ("with the catch-up", "caught-up")):
        seconds = cpu[until]["at"] - cpu["start"]["at"]
        used = {k: cpu[until][k] - cpu["start"][k] for k in ("api", "postgres")}
        print(f"  CPU {label:18s} Api {used['api'] / seconds:4.2f} cores, {used['api'] / created * 1e6:4.0f} us per delivery;"
              f"  PostgreSQL {used['postgres'] / seconds:4.2f} cores, {used['postgres'] / created * 1e6:4.0f} us per delivery")
    if all("wal" in cpu[k] for k in cpu):
        print(f"  WAL per delivery       {(cpu['end']['wal'] - cpu['start']['wal']) / created:6.0f} bytes during the run,"
              f" {(cpu['caught-up']['wal'] - cpu['start']['wal']) / created:6.0f} with the catch-up;"
              f" (a) {wal_per_transaction('single-insert'):.0f}, (b) {wal_per_transaction('command-statements'):.0f} per transaction")
except FileNotFoundError:
    pass
print()
print("Statements per delivery (pg_stat_statements during the HTTP run, calls per 201):")
created = max(1, total - errors)
for line in open(f"{out}/statements.tsv"):
    calls, mean, query = line.rstrip("\n").split("\t", 2)
    if int(calls) >= created * 0.5:
        print(f"  {int(calls) / created:4.2f} x  {float(mean):6.3f} ms  {query[:110]}")
