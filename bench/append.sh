#!/usr/bin/env bash
# ./bench.sh append: the command path, measured against the same PostgreSQL in the same run (docs/benchmarks.md).
#   1. a fresh database with the sample deal and BENCH_COMMITMENTS generated commitments (default 1000);
#   2. wrk drives POST /api/commitments/{id}/deliveries, authenticated, at 16 connections for BENCH_SECONDS (default 15);
#   3. pgbench at the same concurrency runs (a) a single-row INSERT of a similar row and (b) the very statements one
#      delivery command sends, captured from the server log;
#   4. it prints requests/s, p50, p99, both ratios, and the CPU the Api and PostgreSQL spent per delivery (bench/cpu.py).
set -euo pipefail
cd "$(dirname "$0")/.."

COMMITMENTS="${BENCH_COMMITMENTS:-1000}"
SECONDS_RUN="${BENCH_SECONDS:-15}"
WARMUP="${BENCH_WARMUP:-60}"
CONNECTIONS=16
PORT="${BENCH_PORT:-5081}"
DB=loitracker_bench
OUT="bench/results"
KEY="$(head -c 48 /dev/urandom | base64 | tr -d "\n")"  # a random key: outside Development the Api accepts nothing less
say() { echo "[bench] $*" >&2; }

mkdir -p "$OUT"
if ! command -v wrk >/dev/null 2>&1; then
  say "installing wrk with apt-get"
  sudo=""; [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

scripts/pg.sh start
BINDIR="$(scripts/pg.sh bindir)"
PGLOG="$(scripts/pg.sh logfile)"
PGDATA_DIR="$(dirname "$PGLOG")"
BASE_URL="$(scripts/pg.sh url)"
CONN="${BASE_URL/Database=loitracker/Database=$DB}"
psql_bench() { "$BINDIR/psql" -h 127.0.0.1 -p "${LOITRACKER_PG_PORT:-5544}" -U postgres -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

say "fresh database $DB"
"$BINDIR/psql" -h 127.0.0.1 -p "${LOITRACKER_PG_PORT:-5544}" -U postgres -d postgres -qc "drop database if exists $DB with (force)" -c "create database $DB"
psql_bench -c "create extension if not exists pg_stat_statements"

say "building the Api (Release)"
dotnet build src/Api/LoiTracker.Api.csproj -c Release -v q --nologo -clp:ErrorsOnly

if curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live"; then
  say "something already answers on port $PORT: stop it, or choose another port with BENCH_PORT"; exit 1
fi
API_PID=""
cleanup() { [[ -n "$API_PID" ]] && kill "$API_PID" 2>/dev/null || true; psql_bench -c "alter system reset log_statement" -c "select pg_reload_conf()" >/dev/null 2>&1 || true; }
trap cleanup EXIT
(cd src/Api && exec env ConnectionStrings__Marten="$CONN" Urls="http://127.0.0.1:$PORT" Sample__LoadWhenEmpty=true Auth__SigningKey="$KEY" \
  Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/LoiTracker.Api.dll) > "$OUT/api.log" 2>&1 &
API_PID=$!
TOKEN="$(cd src/Api && Auth__SigningKey="$KEY" dotnet bin/Release/net10.0/LoiTracker.Api.dll token --name "Bench Editor" --role editor --role legal | tail -n1)"
echo "$TOKEN" > "$OUT/token.txt"
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
for _ in $(seq 1 60); do
  [[ "$(curl -s "http://127.0.0.1:$PORT/api/agreements" -H "Authorization: Bearer $TOKEN" | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])' 2>/dev/null)" -ge 1 ]] && break
  sleep 1
done

say "seeding $COMMITMENTS generated commitments through POST /api/import"
python3 bench/seed_bundle.py "$COMMITMENTS" | curl -sf -X POST "http://127.0.0.1:$PORT/api/import" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' --data-binary @- > /dev/null
: > "$OUT/commitments.txt"
page=1
while :; do
  got="$(curl -s "http://127.0.0.1:$PORT/api/commitments?q=Generated&pageSize=500&page=$page" -H "Authorization: Bearer $TOKEN" \
    | python3 -c 'import json,sys; items=json.load(sys.stdin)["items"]; [print(r["id"]) for r in items]' | tee -a "$OUT/commitments.txt" | wc -l)"
  [[ "$got" -lt 500 ]] && break
  page=$((page + 1))
done
TARGETS="$(wc -l < "$OUT/commitments.txt")"
say "$TARGETS commitments to deliver against (plus the sample's $(curl -s "http://127.0.0.1:$PORT/api/commitments?pageSize=1" -H "Authorization: Bearer $TOKEN" | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])') in all)"

say "warming up for ${WARMUP}s"
BENCH_DIR="$OUT" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/deliveries.lua "http://127.0.0.1:$PORT" > /dev/null 2>&1

say "HTTP: wrk, $CONNECTIONS connections, ${SECONDS_RUN}s"
psql_bench -c "select pg_stat_statements_reset()" > /dev/null
# CPU time of the Api and of PostgreSQL, and the WAL position: as the run starts, as it ends, and once everything it caused is folded.
cpu_snapshot() {
  python3 bench/cpu.py "$API_PID" "$PGDATA_DIR" "$(psql_bench -c "select pg_current_wal_lsn()" 2>/dev/null)" > "$OUT/cpu-$1.json" 2>/dev/null \
    || rm -f "$OUT/cpu-$1.json"
}
rm -f "$OUT"/cpu-*.json
cpu_snapshot start
BENCH_DIR="$OUT" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency -s bench/deliveries.lua "http://127.0.0.1:$PORT" > "$OUT/wrk.txt" 2>&1
cpu_snapshot end
psql_bench -F $'\t' -c "select calls, round(mean_exec_time::numeric, 3), regexp_replace(query, '\s+', ' ', 'g') from pg_stat_statements
  where dbid = (select oid from pg_database where datname = '$DB') order by calls desc limit 20" > "$OUT/statements.tsv"
# Everything PostgreSQL spent its time on during the run, the daemon's and the audit job's statements included.
psql_bench -F $'\t' -c "select calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), regexp_replace(query, '\s+', ' ', 'g')
  from pg_stat_statements where dbid = (select oid from pg_database where datname = '$DB') order by total_exec_time desc limit 15" > "$OUT/statements-by-time.tsv"

# What a delivery causes after its commit (the daemon's delivery totals and risk, the audit job's copy) runs on the same
# two cores and the same PostgreSQL. Measured as a figure of its own, how long it took to catch up once the run
# ended; and waited for, so that pgbench's reference runs on a PostgreSQL doing nothing else, as it did before there
# was a daemon (otherwise the catch-up depresses the reference and flatters the ratio).
say "waiting for the daemon and the audit job to fold what the run wrote"
# A build without the audit job has no mark (the same bench runs against older commits, for comparisons).
audit_caught_up="true"
[[ "$(psql_bench -c "select to_regclass('loitracker.audit_mark') is not null")" == t ]] \
  && audit_caught_up="coalesce((select safe_seq >= m.top from loitracker.audit_mark where id = 1), true)"
caught_up() {
  psql_bench -c "select coalesce((select bool_and(last_seq_id >= m.top) from loitracker.mt_event_progression where name not like 'HighWater%'), true)
      and $audit_caught_up
    from (select coalesce(max(seq_id), 0) as top from loitracker.mt_events) m" 2>/dev/null || echo f
}
run_ended=$(date +%s.%N)
for _ in $(seq 1 1200); do [[ "$(caught_up)" == t ]] && break; sleep 0.5; done
[[ "$(caught_up)" == t ]] || { say "the daemon and the audit job did not catch up within 600 s"; exit 1; }
cpu_snapshot caught-up
python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$run_ended" "$(date +%s.%N)" > "$OUT/catch-up-seconds.txt"
say "caught up $(cat "$OUT/catch-up-seconds.txt") s after the run ended"

say "capturing the statements of one delivery from the server log"
MARK="bench-capture-$(date +%s%N)"
psql_bench -c "alter system set log_statement = 'all'" -c "select pg_reload_conf()" > /dev/null
sleep 1
psql_bench -c "select '$MARK-start'" > /dev/null
ID="$(head -n1 "$OUT/commitments.txt")"
curl -sf -X POST "http://127.0.0.1:$PORT/api/commitments/$ID/deliveries" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"period":"2026-03","quantity":1}' > "$OUT/captured-response.json"
psql_bench -c "select '$MARK-end'" > /dev/null
psql_bench -c "alter system reset log_statement" -c "select pg_reload_conf()" > /dev/null
awk "/$MARK-start/{on=1} on{print} /$MARK-end/{exit}" "$PGLOG" > "$OUT/captured.log"

say "building the pgbench scripts"
psql_bench -c "create table if not exists bench_targets (n int primary key, id uuid not null)" -c "truncate bench_targets"
nl -ba -w1 -s, "$OUT/commitments.txt" | psql_bench -c "copy bench_targets (n, id) from stdin with (format csv)"
psql_bench -c "create table if not exists bench_single_insert (id uuid primary key, commitment_id uuid not null, period text not null,
  quantity numeric not null, data jsonb not null, recorded_at timestamptz not null default now())"
python3 bench/pgbench_scripts.py "$OUT/captured.log" "$ID" "$TARGETS" "$OUT"

run_pgbench() {
  local name="$1" script="$2"
  rm -f "$OUT"/pgbench_log.*
  psql_bench -c "select pg_current_wal_lsn()" > "$OUT/wal-$name.before"
  (cd "$OUT" && "$BINDIR/pgbench" -h 127.0.0.1 -p "${LOITRACKER_PG_PORT:-5544}" -U postgres -n -M prepared -c "$CONNECTIONS" -j 2 -T "$SECONDS_RUN" \
    -l --log-prefix=pgbench_log -f "$(basename "$script")" "$DB" > "pgbench-$name.txt" 2>&1) \
    || say "pgbench $name reported errors: see $OUT/pgbench-$name.txt"
  cat "$OUT"/pgbench_log.* > "$OUT/pgbench-$name.latencies"
  psql_bench -c "select pg_current_wal_lsn()" > "$OUT/wal-$name.after"
}
say "pgbench (a): a single-row INSERT of a similar row, $CONNECTIONS clients, ${SECONDS_RUN}s"
run_pgbench single-insert "$OUT/single-insert.sql"
say "pgbench (b): the statements one delivery sends, $CONNECTIONS clients, ${SECONDS_RUN}s"
run_pgbench command-statements "$OUT/command-statements.sql"

python3 bench/report.py "$OUT" | tee "$OUT/report.txt"
