#!/usr/bin/env python3
"""Prints the figures of ./bench.sh risk from its results folder, each with its ratio and whether its target is met."""
import re
import sys

out = sys.argv[1]
met = lambda ok: "met" if ok else "NOT MET"


def wrk(label):
    text = open(f"{out}/wrk-{label}.txt").read()
    figure = lambda name: float(re.search(rf"^bench {name} ([\d.]+)$", text, re.M).group(1))
    return figure("rps"), figure("p50_ms"), figure("p95_ms"), figure("p99_ms"), int(figure("non200"))


def pgbench(label):
    tps = float(re.search(r"tps = ([\d.]+)", open(f"{out}/pgbench-{label}.txt").read()).group(1))
    lat = sorted(int(line.split()[2]) for line in open(f"{out}/pgbench-{label}.latencies") if len(line.split()) > 2)
    pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] / 1000
    return tps, pick(0.50), pick(0.95), pick(0.99)


measure = open(f"{out}/measure-risk.txt").read()
load = re.search(r"^load .*?median ([\d.]+) ms, min ([\d.]+) ms, max ([\d.]+) ms", measure, re.M)
prop = re.search(r"^propagate .*?median ([\d.]+) ms, p95 ([\d.]+) ms, min ([\d.]+) ms", measure, re.M)
head = re.search(r"^measure-risk: (.*)$", measure, re.M).group(1)
levels = re.search(r"^levels: (.*)$", measure, re.M).group(1)
kept = re.search(r"^kept by the daemon: (.*)$", measure, re.M).group(1)
count, l50, l95, l99, lmax = open(f"{out}/lag.txt").read().split()

print()
print(f"./bench.sh risk: {head}")
print(f"  import: {float(open(f'{out}/import-seconds.txt').read()):.1f} s; the daemon caught up {open(f'{out}/catch-up-seconds.txt').read().strip()} s after its answer")
print(f"  levels (from scratch): {levels}; kept by the daemon: {kept}")
print(f"  load the graph (every commitment's facts)     median {float(load[1]):8.1f} ms   min {float(load[2]):8.1f}   max {float(load[3]):8.1f}")
print(f"  propagate over the loaded graph               median {float(prop[1]):8.1f} ms   p95 {float(prop[2]):8.1f}   min {float(prop[3]):8.1f}")
print(f"    target: propagation <= 200 ms (p95 of the runs): {met(float(prop[2]) <= 200)}")
if where := re.search(r"^propagate, where the time went: (.*)$", measure, re.M):
    print(f"    where the time went: {where.group(1)}")
print(f"  reschedule's 200 -> GET /api/risk shows it     p50 {float(l50):8.1f} ms   p95 {float(l95):8.1f}   p99 {float(l99):8.1f}   max {float(lmax):8.1f}   ({count} reschedules)")
print(f"    target: p99 <= 1 s: {met(float(l99) <= 1000)}")
buckets = {}
for line in open(f"{out}/lags.tsv").readlines()[1:]:
    _, _, closure, lag, _ = line.split("\t")
    c = int(closure)
    buckets.setdefault(next(b for b in ((0, 0), (1, 49), (50, 149), (150, 10**9)) if b[0] <= c <= b[1]), []).append(float(lag))
for (lo, hi), lags in sorted(buckets.items()):
    lags.sort()
    label = "none" if hi == 0 else f"{lo}+" if hi == 10**9 else f"{lo}-{hi}"
    print(f"      commitments depending on the one moved: {label:>7}   {len(lags):3} reschedules   median {lags[len(lags) // 2]:7.1f} ms   max {lags[-1]:7.1f} ms")
pending = open(f"{out}/gin-pending.txt").read().split()
print(f"    after them, the GIN index on RiskView held {pending[0]} pending pages ({pending[1]} entries); vacuumed before the reads below")
for what, title in (("page", "GET /api/risk (first page of 50)"), ("graph", f"GET /api/risk/graph?root=&depth=3")):
    print(f"  {title}")
    for c in (1, 16):
        rps, p50, p95, p99, bad = wrk(f"{what}-{c}")
        tps, q50, q95, q99 = pgbench(f"{what}-{c}")
        print(f"    {c:>2} conn  HTTP     {rps:8.0f} req/s   p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   p99 {p99:7.2f} ms   ({bad} not 200)")
        print(f"             pgbench  {tps:8.0f} tps     p50 {q50:7.2f} ms   p95 {q95:7.2f} ms   p99 {q99:7.2f} ms   ratio {rps / tps:.3f}")
        if what == "page" and c == 1:
            print(f"    target: p95 <= 20 ms at one connection: {met(p95 <= 20)}")
        if what == "page" and c == 16:
            print(f"    target: >= 0.30 of pgbench's throughput at 16: {met(rps / tps >= 0.30)}")
