#!/usr/bin/env bash
# ./bench.sh coldstart [REF]: how long the Api takes from process start to its first answers, in production mode
# (docs/benchmarks.md, "Cold start"). Measures the working tree; given a git REF, also that commit, built in a temporary
# worktree, the two started alternately so both see the same machine. Per start it records the first 200 from
# GET /health/ready and then the first answer of an authenticated GET /api/parties (the first call of an endpoint).
#   BENCH_RUNS     measured starts of each build (default 7), after one start each that is not counted
#   BENCH_PORT     5090-5099 (default 5090)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

RUNS="${BENCH_RUNS:-7}"
PORT="${BENCH_PORT:-5090}"
(( PORT >= 5090 && PORT <= 5099 )) || { echo "BENCH_PORT must be within 5090-5099" >&2; exit 2; }
SCHEMA="coldstart_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
KEY="$(head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
say() { echo "[coldstart] $*" >&2; }

scripts/pg.sh start >/dev/null
CONNECTION="${ConnectionStrings__Marten:-$(scripts/pg.sh url)}"
PSQL="$(scripts/pg.sh bindir)/psql"

scratch="$(mktemp -d)"
worktree=""
cleanup() {
  PGOPTIONS="-c client_min_messages=warning" "$PSQL" -h 127.0.0.1 -p "${LOITRACKER_PG_PORT:-5544}" -U postgres -d loitracker -qc \
    "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
  if [[ -n "$worktree" ]]; then git worktree remove --force "$worktree" >/dev/null 2>&1 || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

names=(); dirs=()
names+=("working tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ', changed'))"); dirs+=("$root")
if [[ -n "${1:-}" ]]; then
  worktree="$scratch/worktree"
  git worktree add --detach -q "$worktree" "$1"
  names+=("$1 ($(git rev-parse --short "$1"))"); dirs+=("$worktree")
fi

for dir in "${dirs[@]}"; do
  say "building $dir (Release)…"
  dotnet build "$dir/src/Api/LoiTracker.Api.csproj" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
done

export ASPNETCORE_ENVIRONMENT=Production Auth__SigningKey="$KEY" Urls="http://127.0.0.1:$PORT"
export ConnectionStrings__Marten="$CONNECTION" Database__Schema="$SCHEMA" Sample__LoadWhenEmpty=false
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# One start of the build in $1: prints "ready_ms first_call_ms".
start_once() {
  local dir="$1" token="$2" started ready="" answered="" pid code
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live"; then say "port $PORT is taken"; exit 1; fi
  cd "$dir/src/Api"
  started=$(now_ms)
  dotnet bin/Release/net10.0/LoiTracker.Api.dll >"$scratch/api.log" 2>&1 &
  pid=$!
  cd "$root"
  for _ in $(seq 1 3000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready" || true)
    if [[ "$code" == 200 ]]; then ready=$(( $(now_ms) - started )); break; fi
    kill -0 "$pid" 2>/dev/null || { cat "$scratch/api.log" >&2; say "the Api stopped"; exit 1; }
    sleep 0.01
  done
  [[ -n "$ready" ]] || { say "no 200 from /health/ready in time"; exit 1; }
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/api/parties")
  answered=$(( $(now_ms) - started ))
  [[ "$code" == 200 ]] || { say "GET /api/parties answered $code"; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ready $answered"
}

tokens=()
for dir in "${dirs[@]}"; do
  tokens+=("$(cd "$dir/src/Api" && dotnet bin/Release/net10.0/LoiTracker.Api.dll token --name "Cold Start" --role viewer | tail -1)")
done

say "one start of each that is not counted (it also creates schema $SCHEMA), then $RUNS measured, alternating"
results=()
for i in "${!dirs[@]}"; do start_once "${dirs[$i]}" "${tokens[$i]}" >/dev/null; results+=(""); done
for run in $(seq 1 "$RUNS"); do
  # Alternate which build starts first, so neither always follows the other.
  order=("${!dirs[@]}"); (( run % 2 == 0 )) && order=($(printf '%s\n' "${order[@]}" | tac))
  for i in "${order[@]}"; do
    figures="$(start_once "${dirs[$i]}" "${tokens[$i]}")"
    results[$i]+="$figures"$'\n'
    say "run $run, ${names[$i]}: $figures (ms)"
  done
done

stats() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%7d %6d %6d", m, v[1], v[NR] }'; }
echo
echo "Cold start, production mode (Release, ASPNETCORE_ENVIRONMENT=Production), $RUNS starts each, milliseconds from process start"
printf '%-34s %28s   %28s\n' "" "to 200 from /health/ready" "to first GET /api/parties"
printf '%-34s %7s %6s %6s   %7s %6s %6s\n' "build" "median" "min" "max" "median" "min" "max"
for i in "${!dirs[@]}"; do
  printf '%-34s %s   %s\n' "${names[$i]}" \
    "$(printf '%s' "${results[$i]}" | awk 'NF { print $1 }' | stats)" \
    "$(printf '%s' "${results[$i]}" | awk 'NF { print $2 }' | stats)"
done
