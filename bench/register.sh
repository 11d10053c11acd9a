#!/usr/bin/env bash
# ./bench.sh register: a register page against PostgreSQL reading the same 50 documents, before and after the
# commitments gain a long delivery history (docs/benchmarks.md). The page must not slow down as history grows.
#   1. a fresh database with the sample deal and BENCH_COMMITMENTS generated commitments (default 1000);
#   2. wrk reads random pages of 50 (GET /api/commitments?pageSize=50&page=N) at 16 connections for BENCH_SECONDS;
#      pgbench at the same concurrency selects the same 50 register documents by the page's ids;
#   3. wrk records deliveries for BENCH_HISTORY_SECONDS (default 120), the daemon folds them, and step 2 runs again;
#   4. it prints pages/s, p50, p99, the pgbench tps and the ratio (target >= 0.50) at both histories.
set -euo pipefail
cd "$(dirname "$0")/.."

COMMITMENTS="${BENCH_COMMITMENTS:-1000}"
SECONDS_RUN="${BENCH_SECONDS:-15}"
WARMUP="${BENCH_WARMUP:-30}"  # tiered compilation still works at 15 s (perf: a quarter of the samples in the JIT)
HISTORY_SECONDS="${BENCH_HISTORY_SECONDS:-120}"
CONNECTIONS=16
PORT="${BENCH_PORT:-5085}"
DB=loitracker_bench_register
OUT="$PWD/bench/results/register"
KEY="$(head -c 48 /dev/urandom | base64 | tr -d "\n")"
say() { echo "[bench] $*" >&2; }

mkdir -p "$OUT"
if ! command -v wrk >/dev/null 2>&1; then
  say "installing wrk with apt-get"
  sudo=""; [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

scripts/pg.sh start
BINDIR="$(scripts/pg.sh bindir)"
BASE_URL="$(scripts/pg.sh url)"
PG_PORT="${LOITRACKER_PG_PORT:-5544}"
CONN="${BASE_URL/Database=loitracker/Database=$DB}"
psql_bench() { "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

say "fresh database $DB"
"$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "drop database if exists $DB with (force)" -c "create database $DB"

say "building the Api (Release)"
dotnet build src/Api/LoiTracker.Api.csproj -c Release -v q --nologo -clp:ErrorsOnly
if curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live"; then
  say "something already answers on port $PORT: stop it, or choose another port with BENCH_PORT"; exit 1
fi
API_PID=""
cleanup() { [[ -n "$API_PID" ]] && kill "$API_PID" 2>/dev/null || true; }
trap cleanup EXIT
(cd src/Api && exec env ConnectionStrings__Marten="$CONN" Urls="http://127.0.0.1:$PORT" Sample__LoadWhenEmpty=true Auth__SigningKey="$KEY" \
  Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/LoiTracker.Api.dll) > "$OUT/api.log" 2>&1 &
API_PID=$!
TOKEN="$(cd src/Api && Auth__SigningKey="$KEY" dotnet bin/Release/net10.0/LoiTracker.Api.dll token --name "Bench Editor" --role editor --role legal | tail -n1)"
echo "$TOKEN" > "$OUT/token.txt"
api() { curl -sf "http://127.0.0.1:$PORT$1" -H "Authorization: Bearer $TOKEN" "${@:2}"; }
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
for _ in $(seq 1 60); do
  [[ "$(api /api/agreements | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])' 2>/dev/null)" -ge 1 ]] && break
  sleep 1
done

say "seeding $COMMITMENTS generated commitments through POST /api/import"
python3 bench/seed_bundle.py "$COMMITMENTS" | api /api/import -X POST -H 'Content-Type: application/json' --data-binary @- > /dev/null
: > "$OUT/commitments.txt"
page=1
while :; do
  got="$(api "/api/commitments?q=Generated&pageSize=500&page=$page" \
    | python3 -c 'import json,sys; [print(r["id"]) for r in json.load(sys.stdin)["items"]]' | tee -a "$OUT/commitments.txt" | wc -l)"
  [[ "$got" -lt 500 ]] && break
  page=$((page + 1))
done

# The pages as the Api serves them, so that pgbench reads exactly the documents a page shows.
TOTAL="$(api "/api/commitments?pageSize=1" | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])')"
PAGES=$(( (TOTAL + 49) / 50 ))
echo "$PAGES" > "$OUT/pages.txt"
psql_bench -c "create table bench_pages (page int not null, id uuid not null, primary key (page, id))"
for p in $(seq 1 "$PAGES"); do
  api "/api/commitments?pageSize=50&page=$p" | python3 -c "import json,sys; [print(f'$p,{r[\"id\"]}') for r in json.load(sys.stdin)['items']]"
done | psql_bench -c "copy bench_pages (page, id) from stdin with (format csv)"
cat > "$OUT/register-page.sql" <<SQL
\set p random(1, $PAGES)
select d.data from loitracker.mt_doc_commitmentview d join bench_pages b on b.id = d.id where b.page = :p;
SQL

caught_up() {  # every async projection has folded every event
  psql_bench -c "select coalesce(min(last_seq_id), 0) >= (select coalesce(max(seq_id), 0) from loitracker.mt_events)
    from loitracker.mt_event_progression where name <> 'HighWaterMark'"
}
measure() {
  local label="$1"
  for _ in $(seq 1 120); do [[ "$(caught_up)" == "t" ]] && break; sleep 1; done
  local deliveries; deliveries="$(psql_bench -c "select count(*) from loitracker.mt_events where type = 'delivery_recorded'")"
  echo "$deliveries" > "$OUT/deliveries-$label.txt"
  say "$label: $deliveries deliveries; warming up for ${WARMUP}s"
  BENCH_DIR="$OUT" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/register.lua "http://127.0.0.1:$PORT" > /dev/null 2>&1
  say "$label: HTTP, wrk, $CONNECTIONS connections, ${SECONDS_RUN}s"
  BENCH_DIR="$OUT" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency -s bench/register.lua "http://127.0.0.1:$PORT" > "$OUT/wrk-$label.txt" 2>&1
  say "$label: pgbench, the same pages' documents, $CONNECTIONS clients, ${SECONDS_RUN}s"
  rm -f "$OUT"/pgbench_log.*
  (cd "$OUT" && "$BINDIR/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$CONNECTIONS" -j 2 -T "$SECONDS_RUN" \
    -l --log-prefix=pgbench_log -f register-page.sql "$DB" > "pgbench-$label.txt" 2>&1) || say "pgbench reported errors: see $OUT/pgbench-$label.txt"
  cat "$OUT"/pgbench_log.* > "$OUT/pgbench-$label.latencies"
}

measure short-history
say "recording deliveries for ${HISTORY_SECONDS}s (the append benchmark's load)"
BENCH_DIR="$OUT" wrk -t2 -c"$CONNECTIONS" -d"${HISTORY_SECONDS}s" -s bench/deliveries.lua "http://127.0.0.1:$PORT" > "$OUT/wrk-history.txt" 2>&1
measure long-history

python3 bench/register_report.py "$OUT" | tee "$OUT/report.txt"
