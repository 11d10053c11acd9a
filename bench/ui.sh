#!/usr/bin/env bash
# ./bench.sh ui: the dashboard's pages on a generated portfolio of 10,000 commitments (docs/benchmarks.md).
#   1. a fresh database loitracker_bench_ui on the project-local PostgreSQL; the Api (Release) with the sample deal, in
#      Development because the dashboard's sign-in exists only there (ADR 22): endpoints compile on their first call,
#      which the untimed warm-up requests pay; the portfolio of bench/risk_bundle.py (10,000 commitments, dependencies,
#      milestones overdue, due soon and later) imported through POST /api/import; it waits until the daemon has folded
#      every event and the alert sweep has raised what falls due;
#   2. bench/ui (Playwright in Debian's Chromium, signed in as a development admin): each page's server time (time to
#      the last byte through the browser's own HTTP client, on loopback; target p95 <= 200 ms) and the time until the
#      overview and the register are loaded in the browser (Navigation Timing's loadEventEnd; target p95 <= 1 s);
#   3. prints every figure and whether its target is met (bench/results/ui/report.txt).
#   BENCH_PORT (default 5088), BENCH_N / BENCH_EDGES (10000 / 20000), BENCH_REPETITIONS (30), BENCH_WARMUP (5).
set -euo pipefail
cd "$(dirname "$0")/.."

N="${BENCH_N:-10000}"
EDGES="${BENCH_EDGES:-20000}"
PORT="${BENCH_PORT:-5088}"
PG_PORT="${LOITRACKER_PG_PORT:-5544}"
REPETITIONS="${BENCH_REPETITIONS:-30}"
WARMUP="${BENCH_WARMUP:-5}"
DB=loitracker_bench_ui
SCHEMA=loitracker
OUT="$PWD/bench/results/ui"
KEY="$(head -c 48 /dev/urandom | base64 | tr -d "\n")"
say() { echo "[ui] $*" >&2; }

mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.tsv "$OUT"/*.json "$OUT"/*.log
if ! command -v chromium >/dev/null 2>&1 && [[ -z "${LOITRACKER_CHROMIUM:-}" ]]; then
  say "installing chromium with apt-get"
  sudo=""; [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

BINDIR="$(scripts/pg.sh bindir)"
if ! "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then scripts/pg.sh start >/dev/null; fi
BASE_URL="$(scripts/pg.sh url)"
CONN="${BASE_URL/Database=loitracker/Database=$DB}"
psql_db() { PGOPTIONS="-c client_min_messages=warning" "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

say "fresh database $DB"
"$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "drop database if exists $DB with (force)" -c "create database $DB"

say "building the Api (Release) and bench/ui"
dotnet build src/Api/LoiTracker.Api.csproj -c Release -v q --nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/ui/UiBench.csproj -c Release -v q --nologo -clp:ErrorsOnly -o "$OUT/bin" >/dev/null
if curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live"; then
  say "something already answers on port $PORT: stop it, or choose another port with BENCH_PORT"; exit 1
fi

say "generating the portfolio ($N commitments, $EDGES dependencies)"
python3 bench/risk_bundle.py "$N" "$EDGES" "$OUT/manifest.json" > "$OUT/bundle.json"

API_ENV=(ConnectionStrings__Marten="$CONN" Auth__SigningKey="$KEY" Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Development)
API_PID=""
stop_api() { if [[ -n "$API_PID" ]]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; API_PID=""; fi; }
trap stop_api EXIT
(cd src/Api && exec env "${API_ENV[@]}" Urls="http://127.0.0.1:$PORT" Sample__LoadWhenEmpty=true \
  dotnet bin/Release/net10.0/LoiTracker.Api.dll) > "$OUT/api.log" 2>&1 &
API_PID=$!
TOKEN="$(cd src/Api && env "${API_ENV[@]}" dotnet bin/Release/net10.0/LoiTracker.Api.dll token --name "Bench UI" --role admin | tail -n1)"
api() { curl -sf "http://127.0.0.1:$PORT$1" -H "Authorization: Bearer $TOKEN" "${@:2}"; }
total() { api "$1" | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])' 2>/dev/null || echo 0; }
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
for _ in $(seq 1 60); do [[ "$(total /api/agreements)" -ge 1 ]] && break; sleep 1; done

say "importing the portfolio ($(( $(stat -c %s "$OUT/bundle.json") / 1024 )) KiB)"
read -r code seconds < <(curl -s -o "$OUT/import-answer.json" -w "%{http_code} %{time_total}\n" -X POST "http://127.0.0.1:$PORT/api/import" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "@$OUT/bundle.json")
[[ "$code" == 200 ]] || { say "the import answered $code: see $OUT/import-answer.json"; exit 1; }
say "imported in $seconds s; waiting for the daemon, then for the alert sweep to settle"
caught_up() {
  psql_db -c "select (select count(*) >= 1 and bool_and(last_seq_id >= (select max(seq_id) from $SCHEMA.mt_events))
      from $SCHEMA.mt_event_progression where name not like 'HighWater%')
    and (select count(*) from $SCHEMA.mt_doc_riskview) >= $N" 2>/dev/null || echo f
}
for _ in $(seq 1 900); do [[ "$(caught_up)" == t ]] && break; sleep 1; done
[[ "$(caught_up)" == t ]] || { say "the daemon did not catch up in 900 s"; exit 1; }
previous=-1
for _ in $(seq 1 120); do
  now="$(total /api/alerts?pageSize=1)"
  [[ "$now" == "$previous" && "$(caught_up)" == t ]] && break
  previous="$now"; sleep 5
done
say "$(total /api/commitments?pageSize=1) commitments, $(total '/api/milestones?state=overdue&pageSize=1') overdue milestones, $previous alerts"

python3 - "$OUT" > "$OUT/pages.tsv" <<'PY'
import json, sys
out = sys.argv[1]
answer = json.load(open(f"{out}/import-answer.json"))
ids = {f"{r['kind']}:{r['key']}": r["id"] for r in answer["created"] + answer["matched"]}
manifest = json.load(open(f"{out}/manifest.json"))
troubled = next(c["i"] for c in manifest["commitments"] if c["kind"] == "troubled" and c["upstream"])
commitment = ids[f"commitment:risk-c{troubled}"]
agreement = ids["agreement:bench-risk-agreement"]
for name, path in [
    ("overview", "/"),
    ("register", "/register"),
    ("register-filtered", "/register?status=open&atRisk=true&q=line"),
    ("register-page-100", "/register?page=100"),
    ("agreements", "/agreements"),
    ("agreement", f"/agreements/{agreement}"),
    ("commitment", f"/commitments/{commitment}"),
    ("milestones-overdue", "/milestones?state=overdue"),
    ("changes", "/changes"),
    ("risk", "/risk"),
    ("risk-neighbourhood", f"/risk?root={commitment}&depth=2"),
    ("timeline", "/timeline"),
    ("alerts", "/alerts"),
    ("audit", "/audit"),
]:
    print(f"{name}\t{path}")
PY

say "timing the pages ($REPETITIONS each after $WARMUP untimed)"
dotnet "$OUT/bin/UiBench.dll" "http://127.0.0.1:$PORT" "$OUT/pages.tsv" "$REPETITIONS" "$WARMUP" | tee "$OUT/report.txt"
