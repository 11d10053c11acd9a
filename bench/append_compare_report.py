#!/usr/bin/env python3
"""Prints the runs of ./bench.sh append-compare (bench/results/compare) as one table, then per build the median ratio to
(a) and CPU per delivery, and each build against the first REF given (the "before"), round by round."""
import glob
import os
import re
import statistics
import sys

out = sys.argv[1]
names = open(f"{out}/builds.txt").read().splitlines()


def figures(path):
    text = open(path).read()
    number = lambda pattern: float(re.search(pattern, text).group(1))
    return {
        "rps": number(r"HTTP \(wrk\)\s+([\d.]+) requests/s"),
        "p99": number(r"HTTP \(wrk\).*?p99\s+([\d.]+) ms"),
        "a": number(r"\(a\) pgbench single-row INSERT\s+([\d.]+) tps"),
        "ratio": number(r"ratio to \(a\): ([\d.]+)"),
        # CPU with the catch-up: what a delivery costs in all, including what it causes after its commit.
        "cpu": sum(float(x) for x in re.search(r"CPU with the catch-up\s+Api [\d.]+ cores,\s+(\d+) us per delivery;\s+PostgreSQL [\d.]+ cores,\s+(\d+) us", text).groups()),
        "wal": number(r"WAL per delivery\s+\d+ bytes during the run,\s+(\d+) with the catch-up"),
    }


runs = {}  # (build, round) -> figures
for path in sorted(glob.glob(f"{out}/build*-round*.txt")):
    m = re.search(r"build(\d+)-round(\d+)\.(failed\.)?txt$", os.path.basename(path))
    if m and not m.group(3):
        runs[(int(m.group(1)), int(m.group(2)))] = figures(path)
rounds = sorted({r for _, r in runs})

print()
print("./bench.sh append-compare: the append bench for each build, in turns on the same PostgreSQL")
print(f"  {'build':<34} {'round':>5} {'requests/s':>11} {'p99 ms':>7} {'(a) tps':>8} {'ratio':>6} {'CPU us':>7} {'WAL B':>6}")
for r in rounds:
    for b, name in enumerate(names):
        if (b, r) in runs:
            f = runs[(b, r)]
            print(f"  {name[:34]:<34} {r:>5} {f['rps']:>11.0f} {f['p99']:>7.1f} {f['a']:>8.0f} {f['ratio']:>6.3f} {f['cpu']:>7.0f} {f['wal']:>6.0f}")
        else:
            print(f"  {name[:34]:<34} {r:>5}   (failed: see {out})")
print()
print("Per build (median over the rounds; CPU is Api + PostgreSQL per delivery, with the catch-up):")
for b, name in enumerate(names):
    mine = [runs[(b, r)] for r in rounds if (b, r) in runs]
    if mine:
        ratios = [f["ratio"] for f in mine]
        print(f"  {name[:34]:<34} ratio {statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f}),"
              f" CPU {statistics.median(f['cpu'] for f in mine):.0f} us, WAL {statistics.median(f['wal'] for f in mine):.0f} B")
# builds.txt lists the working tree first, then the REFs in the order given: the first REF is the "before".
base = 1 if len(names) > 1 else 0
print()
print(f"Each build's ratio against {names[base]}, round by round (1.00: the same; below: lower than it):")
for b, name in enumerate(names):
    if b == base:
        continue
    pairs = [runs[(b, r)]["ratio"] / runs[(base, r)]["ratio"] for r in rounds if (b, r) in runs and (base, r) in runs]
    if pairs:
        print(f"  {name[:34]:<34} " + ", ".join(f"{p:.2f}" for p in pairs) + f"   median {statistics.median(pairs):.2f}")
