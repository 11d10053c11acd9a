#!/usr/bin/env python3
"""Prints an import bundle for ./bench.sh risk: N commitments (default 10,000) under one signed agreement, with E
acyclic dependency edges (default 30,000) and 1-2 dated milestones each, and writes a manifest (what each commitment
is, for the later steps) to the path given as the third argument.

usage: risk_bundle.py [N] [E] [manifest.json]    environment: BENCH_CLUSTER (200), BENCH_SEED (17), BENCH_TODAY (UTC today)

The graph. Commitments are numbered 0..N-1 in clusters of BENCH_CLUSTER consecutive numbers (a programme of work: a
portfolio of deals, not one tangle). Each commitment depends on 3 others picked at random among the lower numbers
of its own cluster (a 4th for some, to reach exactly E edges), so every edge goes from a higher number to a lower one
and the graph has no cycle. Edges skip the GAP numbers just below (see the dates) so that nothing conflicts by
accident. BENCH_CLUSTER=N gives one uniform random DAG, in which almost every commitment reaches almost every lower one.

The dates, per cluster, run forward one day per number (an upstream finishes before what depends on it starts):
  healthy    (half the clusters)   first milestone 20-60 days ahead, then a day per number: level none;
  near-term  (three in ten)        first milestone 1-4 days ahead: its first dozen commitments due soon, level watch;
  troubled   (one in five)         as near-term, plus 2-5 commitments whose first milestone is overdue (1-25 days) or
                                   long overdue (31-90 days, critical): they and, through the chains, what depends on
                                   them in the cluster are at risk (milestone-overdue, schedule-conflict, depends-on-risk).
Half the commitments have a second milestone 1-9 days after the first.

The bundle lists commitments downstream first (highest number first). The importer refuses cycles by walking, for
each declared dependency, everything its target already depends on; listed in this order a target has declared
nothing yet when it is named, so each check is one node instead of the target's whole upstream closure.
"""
import datetime
import json
import os
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
edges_wanted = int(sys.argv[2]) if len(sys.argv) > 2 else 30_000
manifest_path = sys.argv[3] if len(sys.argv) > 3 else None
cluster = int(os.environ.get("BENCH_CLUSTER", "200"))
rng = random.Random(int(os.environ.get("BENCH_SEED", "17")))
today = datetime.date.fromisoformat(os.environ["BENCH_TODAY"]) if os.environ.get("BENCH_TODAY") else datetime.datetime.now(datetime.timezone.utc).date()
GAP = 10  # upstreams are at least GAP numbers lower: GAP days earlier, more than a second milestone's 9 days

parties = ["openai", "samsung-electronics", "samsung-sds", "samsung-cnt", "samsung-heavy-industries"]
workstreams = ["memory-supply", "datacenter-design", "datacenter-construction", "datacenter-operations", "enterprise-ai-services",
               "resale", "floating-datacenter", "floating-power", "floating-control-center", "energy", "other"]
clusters = (n + cluster - 1) // cluster
kinds = ["healthy"] * 5 + ["near-term"] * 3 + ["troubled"] * 2
kind_of = [kinds[c % 10] for c in range(clusters)]

# Upstreams: 3 each where the cluster allows, then a 4th for random commitments until there are exactly E edges.
upstreams = []
for i in range(n):
    c, k = divmod(i, cluster)
    pool = range(c * cluster, c * cluster + max(0, k - GAP))
    upstreams.append(rng.sample(pool, min(3, len(pool))))
total = sum(len(u) for u in upstreams)
eligible = [i for i in range(n) if (i % cluster) - GAP > len(upstreams[i])]
while total < edges_wanted and eligible:
    i = eligible.pop(rng.randrange(len(eligible)))
    c, k = divmod(i, cluster)
    upstreams[i].append(rng.choice([j for j in range(c * cluster, c * cluster + k - GAP) if j not in upstreams[i]]))
    total += 1
while total > edges_wanted:
    i = rng.randrange(n)
    if upstreams[i]:
        upstreams[i].pop()
        total -= 1
if total != edges_wanted:
    sys.exit(f"risk_bundle.py: {n} commitments in clusters of {cluster} allow {total} edges, not {edges_wanted}")

# Dates.
start = [today + datetime.timedelta(days=rng.randint(20, 60) if kind == "healthy" else rng.randint(1, 4)) for kind in kind_of]
first = [start[i // cluster] + datetime.timedelta(days=i % cluster) for i in range(n)]
second = [first[i] + datetime.timedelta(days=rng.randint(1, 9)) if rng.random() < 0.5 else None for i in range(n)]
overdue = {}
for c in range(clusters):
    if kind_of[c] != "troubled":
        continue
    members = range(c * cluster, min(n, (c + 1) * cluster))
    for i in rng.sample(members, rng.randint(2, 5)):
        late = rng.randint(31, 90) if rng.random() < 0.3 else rng.randint(1, 25)
        overdue[i] = late
        first[i] = today - datetime.timedelta(days=late)

bundle = {
    "name": f"Risk benchmark: {n} commitments, {total} dependencies",
    "source": {"kind": "Internal", "reference": "Generated by bench/risk_bundle.py for ./bench.sh risk"},
    "parties": [{"key": k, "name": k} for k in parties],  # matched by key with the sample's parties
    "agreements": [{
        "key": "bench-risk-agreement",
        "title": "Risk benchmark programme agreement",
        "kind": "DefinitiveAgreement",
        "timeZone": "Asia/Seoul",
        "parties": [{"partyKey": k, "role": "Signatory"} for k in parties],
        "source": {"kind": "Internal", "reference": "generated"},
        "provisions": [{"ref": "1", "heading": "Programme", "text": "Generated programme terms.", "binding": True}],
        "signatures": [{"partyKey": k, "signedOn": "2025-11-01", "signatoryName": "Generated"} for k in parties],
    }],
    "commitments": [{
        "key": f"risk-c{i}",
        "agreementKey": "bench-risk-agreement",
        "obligorKeys": [parties[1 + (i // cluster) % 4]],
        "beneficiaryKeys": ["openai"],
        "workstream": workstreams[(i // cluster) % len(workstreams)],
        "title": f"Programme line {i:05d}",
        "terms": "Generated for the risk benchmark.",
        "provisionRef": "1",
        "binding": True,
        **({"dependsOn": [{"commitmentKey": f"risk-c{j}"} for j in upstreams[i]]} if upstreams[i] else {}),
    } for i in reversed(range(n))],
    "milestones": [m for i in range(n) for m in (
        {"key": f"risk-m{i}-1", "commitmentKey": f"risk-c{i}", "title": f"Line {i:05d} starts", "dueOn": first[i].isoformat(),
         "ownerPartyKey": parties[1 + (i // cluster) % 4]},
        *([{"key": f"risk-m{i}-2", "commitmentKey": f"risk-c{i}", "title": f"Line {i:05d} delivered", "dueOn": second[i].isoformat(),
            "ownerPartyKey": parties[1 + (i // cluster) % 4]}] if second[i] else []))],
}
json.dump(bundle, sys.stdout, separators=(",", ":"))

if manifest_path:
    with open(manifest_path, "w") as f:
        json.dump({
            "today": today.isoformat(), "n": n, "edges": total, "cluster": cluster, "gap": GAP,
            "commitments": [{"i": i, "cluster": i // cluster, "kind": kind_of[i // cluster], "upstream": upstreams[i],
                             "first": first[i].isoformat(), "second": second[i].isoformat() if second[i] else None,
                             "overdueDays": overdue.get(i)} for i in range(n)],
        }, f)
print(f"[bench] bundle: {n} commitments in {clusters} clusters of {cluster} ({kind_of.count('healthy')} healthy, "
      f"{kind_of.count('near-term')} near-term, {kind_of.count('troubled')} troubled), {total} dependencies, "
      f"{n + sum(1 for s in second if s)} milestones, {len(overdue)} overdue", file=sys.stderr)
