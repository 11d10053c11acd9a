#!/usr/bin/env bash
# ./bench.sh alerts: 10,000 milestones falling due in the same minute (docs/benchmarks.md, ADR 19).
#   1. a fresh database; the Api (Release, production mode) loads the sample and imports BENCH_MILESTONES generated
#      commitments (default 10,000), each with one milestone due on 2030-01-15 (bench/alerts_bundle.py);
#   2. once the daemon has resolved every milestone's schedule, the Api is stopped;
#   3. `measure-alerts` sweeps from BENCH_NODES concurrent sweeps (default 2) at the minute after they fell due, until
#      nothing more is raised, and prints the time until all were raised (target <= 30 s) and the duplicates (must be 0).
set -euo pipefail
cd "$(dirname "$0")/.."

MILESTONES="${BENCH_MILESTONES:-10000}"
NODES="${BENCH_NODES:-2}"
PORT="${BENCH_PORT:-5088}"
DB=loitracker_bench_alerts
SCHEMA=loitracker
OUT="$PWD/bench/results/alerts"
KEY="$(head -c 48 /dev/urandom | base64 | tr -d "\n")"
say() { echo "[alerts] $*" >&2; }
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.log
scripts/pg.sh start >/dev/null
BINDIR="$(scripts/pg.sh bindir)"
BASE_URL="$(scripts/pg.sh url)"
PG_PORT="${LOITRACKER_PG_PORT:-5544}"
CONN="${BASE_URL/Database=loitracker/Database=$DB}"
psql_db() { PGOPTIONS="-c client_min_messages=warning" "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

say "fresh database $DB"
"$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "drop database if exists $DB with (force)" -c "create database $DB"
say "building the Api (Release)"
dotnet build src/Api/LoiTracker.Api.csproj -c Release -v q --nologo -clp:ErrorsOnly >/dev/null
if curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live"; then say "something already answers on port $PORT"; exit 1; fi
API="dotnet bin/Release/net10.0/LoiTracker.Api.dll"
API_PID=""
stop_api() { if [[ -n "$API_PID" ]]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; API_PID=""; fi; }
trap stop_api EXIT
(cd src/Api && exec env ConnectionStrings__Marten="$CONN" Database__Schema="$SCHEMA" Auth__SigningKey="$KEY" Logging__LogLevel__Default=Warning \
  ASPNETCORE_ENVIRONMENT=Production Urls="http://127.0.0.1:$PORT" Sample__LoadWhenEmpty=true $API) > "$OUT/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
TOKEN="$(cd src/Api && Auth__SigningKey="$KEY" $API token --name "Bench Legal" --role legal | tail -n1)"
for _ in $(seq 1 60); do
  [[ "$(curl -sf "http://127.0.0.1:$PORT/api/agreements" -H "Authorization: Bearer $TOKEN" | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])' 2>/dev/null || echo 0)" -ge 1 ]] && break
  sleep 1
done
say "importing $MILESTONES commitments, each with a milestone due on 2030-01-15"
python3 bench/alerts_bundle.py "$MILESTONES" 2030-01-15 > "$OUT/bundle.json"
code="$(curl -s -o "$OUT/import.json" -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/import" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' --data-binary "@$OUT/bundle.json")"
[[ "$code" == 200 ]] || { say "the import answered $code: see $OUT/import.json"; exit 1; }
say "waiting for the daemon to resolve every milestone's schedule"
for _ in $(seq 1 300); do
  [[ "$(psql_db -c "select count(*) from $SCHEMA.mt_doc_milestonescheduleview where data->>'dueOn' = '2030-01-15'")" -ge "$MILESTONES" ]] && break
  sleep 1
done
stop_api
say "measure-alerts: $NODES sweeps at once"
(cd src/Api && env ConnectionStrings__Marten="$CONN" Database__Schema="$SCHEMA" Auth__SigningKey="$KEY" Logging__LogLevel__Default=Warning \
  ASPNETCORE_ENVIRONMENT=Production $API measure-alerts --due 2030-01-15 --nodes "$NODES") 2>&1 | grep -E "^(measure-alerts|duplicates|target)" | tee "$OUT/report.txt"
