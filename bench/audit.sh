#!/usr/bin/env bash
# ./bench.sh audit: the audit trail and time travel on a store of a million events (docs/benchmarks.md, ADR 18).
#   1. a fresh database; the Api (Release, production mode) loads the sample and imports BENCH_COMMITMENTS generated
#      commitments (default 1000) through POST /api/import, and records one delivery through the Api: the template;
#   2. with the Api stopped, deliveries are written in bulk (SQL, in BENCH_BATCHES transactions that commit one after
#      another): the very rows the delivery command writes (type, .NET type, data shape, headers: copied from the
#      template, with their own ids, periods, quantities and five actors), each stream's version moved on with them;
#      one commitment gets BENCH_HEAVY deliveries (default 10,000), the others share the rest of BENCH_EVENTS (1,000,000);
#      the daemon's marks are moved past them (its delivery totals are not what is measured here);
#   3. `measure-audit` empties the audit model and times the job catching up with the whole store, beside
#      INSERT … SELECT of as many rows (target >= 0.40), then seals the whole model and verifies it (ADR 28), timed;
#   4. the Api again: BENCH_REQUESTS sequential requests (default 200) each, timed by curl, for
#      GET /api/commitments/{heavy}?asOf= (median, target 25 ms), GET /api/audit?actor=&from=&to= over a week
#      (p95, target 50 ms), GET /api/commitments?asOf= first page at the middle batch's commit (p95, target 200 ms).
#   BENCH_PORT (default 5087).
set -euo pipefail
cd "$(dirname "$0")/.."

COMMITMENTS="${BENCH_COMMITMENTS:-1000}"
EVENTS="${BENCH_EVENTS:-1000000}"
HEAVY="${BENCH_HEAVY:-10000}"
BATCHES="${BENCH_BATCHES:-20}"
REQUESTS="${BENCH_REQUESTS:-200}"
PORT="${BENCH_PORT:-5087}"
DB=loitracker_bench_audit
OUT="$PWD/bench/results/audit"
KEY="$(head -c 48 /dev/urandom | base64 | tr -d "\n")"
# A sealing key for the seals (ADR 28), made for this run; without openssl the seals carry their digests only.
SEAL_KEY="$(openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt 2>/dev/null || true)"
say() { echo "[audit] $*" >&2; }

mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.log
scripts/pg.sh start >/dev/null
BINDIR="$(scripts/pg.sh bindir)"
BASE_URL="$(scripts/pg.sh url)"
PG_PORT="${LOITRACKER_PG_PORT:-5544}"
CONN="${BASE_URL/Database=loitracker/Database=$DB}"
SCHEMA=loitracker
psql_db() { PGOPTIONS="-c client_min_messages=warning" "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

say "fresh database $DB"
"$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "drop database if exists $DB with (force)" -c "create database $DB"
say "building the Api (Release)"
dotnet build src/Api/LoiTracker.Api.csproj -c Release -v q --nologo -clp:ErrorsOnly >/dev/null
if curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live"; then say "something already answers on port $PORT"; exit 1; fi
API="dotnet bin/Release/net10.0/LoiTracker.Api.dll"
run_env() { env ConnectionStrings__Marten="$CONN" Database__Schema="$SCHEMA" Auth__SigningKey="$KEY" Audit__SealingKey="$SEAL_KEY" Logging__LogLevel__Default=Warning \
  ASPNETCORE_ENVIRONMENT=Production "$@"; }
API_PID=""
stop_api() { if [[ -n "$API_PID" ]]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; API_PID=""; fi; }
trap stop_api EXIT
start_api() {
  (cd src/Api && exec env ConnectionStrings__Marten="$CONN" Database__Schema="$SCHEMA" Auth__SigningKey="$KEY" Audit__SealingKey="$SEAL_KEY" Logging__LogLevel__Default=Warning \
    ASPNETCORE_ENVIRONMENT=Production Urls="http://127.0.0.1:$PORT" Sample__LoadWhenEmpty=true $API) >> "$OUT/api.log" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && return 0; sleep 1; done
  say "the Api did not become ready: see $OUT/api.log"; exit 1
}
token() { (cd src/Api && Auth__SigningKey="$KEY" $API token --name "$1" "${@:2}" | tail -n1); }
EDITOR="$(token "Bench Editor" --role editor --role legal)"
AUDITOR="$(token "Bench Auditor" --role auditor)"
api() { curl -sf "http://127.0.0.1:$PORT$1" -H "Authorization: Bearer $2" "${@:3}"; }

start_api
for _ in $(seq 1 60); do
  [[ "$(api /api/agreements "$EDITOR" | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])' 2>/dev/null || echo 0)" -ge 1 ]] && break
  sleep 1
done
say "importing $COMMITMENTS generated commitments"
python3 bench/seed_bundle.py "$COMMITMENTS" audit > "$OUT/bundle.json"
api /api/import "$EDITOR" -X POST -H 'Content-Type: application/json' --data-binary "@$OUT/bundle.json" -o /dev/null
HEAVY_ID="$(api "/api/commitments?workstream=memory-supply&pageSize=1" "$EDITOR" | python3 -c 'import json,sys;print(json.load(sys.stdin)["items"][0]["id"])')"
api "/api/commitments/$HEAVY_ID/deliveries" "$EDITOR" -X POST -H 'Content-Type: application/json' -d '{"period":"2026-01","quantity":1}' -o /dev/null
for _ in $(seq 1 120); do
  [[ "$(psql_db -c "select count(*) >= 1 and bool_and(last_seq_id >= (select max(seq_id) from $SCHEMA.mt_events)) from $SCHEMA.mt_event_progression")" == t ]] && break
  sleep 1
done
stop_api

STREAMS="$(psql_db -c "select count(*) from $SCHEMA.mt_streams where type = 'commitment'")"
PER=$(( (EVENTS - HEAVY) / (STREAMS - 1) ))
PER_BATCH=$(( (STREAMS + BATCHES - 1) / BATCHES ))
say "writing $EVENTS deliveries in bulk: $HEAVY on one commitment, $PER on each of $((STREAMS - 1)) others, in $BATCHES transactions"
# Each batch: a slice of the commitments (the heavy one in the first), their deliveries, their streams' versions.
bulk() {  # $1 batch number, $2 how many per stream, $3 stream filter
  psql_db <<SQL
begin;
create temp table slice on commit drop as
  select id, version from $SCHEMA.mt_streams s where type = 'commitment' and $3;
insert into $SCHEMA.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, correlation_id, headers, user_name, is_archived)
select nextval('$SCHEMA.mt_events_sequence'), gen_random_uuid(), c.id, c.version + g.n,
       jsonb_build_object('period', to_char(date '2026-01-01' + ((g.n % 12) * interval '1 month'), 'YYYY-MM'), 'evidence', null,
                          'quantity', 100 + g.n % 50, 'deliveryId', gen_random_uuid()),
       t.type, t.tenant_id, now(), t.mt_dotnet_type, md5(c.id::text || g.n),
       jsonb_build_object('actor-sub', 'bench-actor-' || (g.n % 5), 'actor-name', 'Bench Actor ' || (g.n % 5)), 'bench-actor-' || (g.n % 5), false
from slice c cross join generate_series(1, $2) g(n)
cross join (select type, tenant_id, mt_dotnet_type from $SCHEMA.mt_events where type = 'delivery_recorded' limit 1) t
order by c.id, g.n;
update $SCHEMA.mt_streams s set version = s.version + $2 from slice where slice.id = s.id;
commit;
select clock_timestamp();
SQL
}
started=$(date +%s)
bulk 0 "$HEAVY" "s.id = '$HEAVY_ID'" > /dev/null
for b in $(seq 1 "$BATCHES"); do
  at="$(bulk "$b" "$PER" "s.id <> '$HEAVY_ID' and abs(hashtext(s.id::text)) % $BATCHES = $((b - 1))" | tail -n1)"
  [[ "$b" -eq $(( BATCHES / 2 )) ]] && echo "$at" > "$OUT/middle.txt"
done
psql_db -c "update $SCHEMA.mt_event_progression set last_seq_id = (select max(seq_id) from $SCHEMA.mt_events)" -c "vacuum analyze"
TOTAL="$(psql_db -c "select count(*) from $SCHEMA.mt_events")"
say "$TOTAL events in the store ($(( $(date +%s) - started )) s)"

say "measure-audit: the job's catch-up beside INSERT … SELECT"
(cd src/Api && run_env $API measure-audit) | tee "$OUT/catchup.txt"

start_api
MIDDLE="$(python3 -c 'import sys,urllib.parse,datetime;t=open(sys.argv[1]).read().strip().replace(" ","T");print(urllib.parse.quote(t))' "$OUT/middle.txt")"
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
WEEK="$(date -u -d '7 days ago' +%Y-%m-%dT%H:%M:%SZ)"
for _ in $(seq 1 30); do [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/commitments/$HEAVY_ID?asOf=$MIDDLE" -H "Authorization: Bearer $EDITOR")" == 200 ]] && break; sleep 1; done
timed() {  # label, url, token: prints label and the seconds of each request, one per line
  local url="http://127.0.0.1:$PORT$2"
  for _ in $(seq 1 10); do curl -s -o /dev/null "$url" -H "Authorization: Bearer $3"; done  # warm-up
  for _ in $(seq 1 "$REQUESTS"); do
    curl -s -o /dev/null -w "$1 %{http_code} %{time_total}\n" "$url" -H "Authorization: Bearer $3"
  done
}
{
  timed asof "/api/commitments/$HEAVY_ID?asOf=$MIDDLE" "$EDITOR"
  timed audit "/api/audit?actor=bench-actor-1&from=$WEEK&to=$NOW" "$AUDITOR"
  timed register "/api/commitments?asOf=$MIDDLE" "$EDITOR"
} > "$OUT/requests.txt"
stop_api

python3 - "$OUT/requests.txt" "$OUT/catchup.txt" "$TOTAL" <<'PY' | tee "$OUT/report.txt"
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
print(f"store: {int(sys.argv[3]):,} events")
for label, what, stat, target in [("asof", "GET /api/commitments/{id}?asOf= (10,000 events)", "median", 25),
                                  ("audit", "GET /api/audit?actor=&from=&to= (one week)", "p95", 50),
                                  ("register", "GET /api/commitments?asOf= first page", "p95", 200)]:
    times = sorted(float(t) * 1000 for l, code, t in rows if l == label)
    codes = {code for l, code, t in rows if l == label}
    value = statistics.median(times) if stat == "median" else times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"{what}: {stat} {value:.1f} ms over {len(times)} requests (statuses {','.join(sorted(codes))}; "
          f"target <= {target} ms: {'met' if value <= target and codes == {'200'} else 'not met'})")
print("".join(l for l in open(sys.argv[2]) if l.startswith(("audit job", "INSERT", "ratio", "sealing", "verification"))), end="")
PY
