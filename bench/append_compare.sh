#!/usr/bin/env bash
# ./bench.sh append-compare REF [REF ...]: the append bench for the working tree and for each REF, taken in turns on the
# same PostgreSQL, so that "no lower than before, in the same run" (issue 6) is one command (docs/benchmarks.md).
#   - each REF is built in a temporary worktree, with this tree's bench files copied in: one protocol for every build
#     (what a build does is its own; how it is measured is not);
#   - BENCH_ROUNDS rounds (default 3); each round runs every build once, in an order that turns from round to round, so
#     that no build is always the one after a quiet or a busy spell;
#   - it prints every run, then per build the median ratio to (a) and CPU per delivery, and each build against the
#     first REF, the "before": ./bench.sh append-compare 1516e02 a923997 is issue 6's check, with `main` beside it.
# The machines are shared and noisy: a single pair says little, the spread over the rounds says how much.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 ]] || { echo "usage: ./bench.sh append-compare REF [REF ...]" >&2; exit 2; }

ROUNDS="${BENCH_ROUNDS:-3}"
OUT="bench/results/compare"
PROTOCOL=(bench/append.sh bench/report.py bench/cpu.py bench/pgbench_scripts.py bench/seed_bundle.py bench/deliveries.lua)
say() { echo "[compare] $*" >&2; }

scripts/pg.sh start
PGDATA_DIR="$(dirname "$(scripts/pg.sh logfile)")"
scratch="$(mktemp -d)"
worktrees=()
cleanup() {
  for w in "${worktrees[@]}"; do git worktree remove --force "$w" >/dev/null 2>&1 || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

names=("working tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ', modified'))")
dirs=("$PWD")
for ref in "$@"; do
  dir="$scratch/$(echo "$ref" | tr -c 'A-Za-z0-9._-' '_')"
  git worktree add --detach -q "$dir" "$ref"
  worktrees+=("$dir")
  for f in "${PROTOCOL[@]}"; do cp "$f" "$dir/$f"; done
  names+=("$ref ($(git rev-parse --short "$ref"))")
  dirs+=("$dir")
done

rm -rf "$OUT" && mkdir -p "$OUT"
builds=${#dirs[@]}
for round in $(seq 1 "$ROUNDS"); do
  for k in $(seq 0 $((builds - 1))); do
    i=$(((k + round - 1) % builds))
    say "round $round of $ROUNDS: ${names[$i]}"
    # Each build on its own port, against this tree's cluster (LOITRACKER_PGDATA), with its own results folder.
    if (cd "${dirs[$i]}" && LOITRACKER_PGDATA="$PGDATA_DIR" BENCH_PORT=$((5090 + i)) ./bench.sh append > "$scratch/run.log" 2>&1); then
      cp "${dirs[$i]}/bench/results/report.txt" "$OUT/build$i-round$round.txt"
    else
      say "the run failed: $(tail -n 3 "$scratch/run.log" | tr '\n' ' ')"
      cp "$scratch/run.log" "$OUT/build$i-round$round.failed.txt"
    fi
  done
done

printf '%s\n' "${names[@]}" > "$OUT/builds.txt"
python3 bench/append_compare_report.py "$OUT" | tee "$OUT/report.txt"
