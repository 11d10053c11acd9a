#!/usr/bin/env python3
"""Prints the figures of ./bench.sh register from its results folder: pages/s, p50, p99, pgbench tps and the ratio."""
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

    errors = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", text)) else 0
    return rps, ms("50%"), ms("99%"), errors


def pgbench_figures(label):
    text = open(f"{out}/pgbench-{label}.txt").read()
    tps = float(re.search(r"tps = ([\d.]+)", text).group(1))
    latencies = sorted(int(line.split()[2]) for line in open(f"{out}/pgbench-{label}.latencies") if len(line.split()) > 2)
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] / 1000
    return tps, pick(0.50), pick(0.99)


print()
print("./bench.sh register: GET /api/commitments?pageSize=50&page=N (random N), 16 connections")
for label in ("short-history", "long-history"):
    deliveries = open(f"{out}/deliveries-{label}.txt").read().strip()
    rps, p50, p99, errors = wrk_figures(f"{out}/wrk-{label}.txt")
    tps, q50, q99 = pgbench_figures(label)
    print(f"  {label} ({deliveries} deliveries)")
    print(f"    HTTP (wrk)                         {rps:9.0f} pages/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   ({errors} not 200)")
    print(f"    pgbench, the same 50 documents     {tps:9.0f} tps       p50 {q50:6.2f} ms   p99 {q99:6.2f} ms")
    print(f"    ratio: {rps / tps:.3f}   (target >= 0.50: {'met' if rps / tps >= 0.50 else 'not met'})")
