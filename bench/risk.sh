#!/usr/bin/env bash
# ./bench.sh risk: dependency risk on a generated graph of 10,000 commitments and 30,000 edges (docs/benchmarks.md).
#   1. a fresh database loitracker_bench_risk on the project-local PostgreSQL, the Api (Release, production mode, a
#      random signing key) with the sample deal, and the bundle of bench/risk_bundle.py imported through POST /api/import;
#      it waits until the daemon has folded every event and every commitment has its RiskView;
#   2. measure-risk (src/Api/Operations/RiskCommands.cs): loading every commitment's facts (5 times) and, apart, propagating
#      risk over the loaded graph (100 times; target: p95 <= 200 ms), with the GC's pauses and the CPU time it took;
#   3. 200 reschedules (bench/risk_lag.py): from each 200 to the first GET /api/risk that shows the commitment's new
#      level (target: p99 <= 1 s); then the RiskView table is vacuumed (the reschedules' rewrites wait in its GIN
#      index's pending list, which the graph's lookups scan: said in the report, then merged);
#   4. GET /api/risk (first page of 50) with wrk at 1 connection (target: p95 <= 20 ms) and at 16 (target: >= 0.30 of
#      pgbench's throughput), and GET /api/risk/graph?root=&depth=3 (a commitment with a deep upstream) the same way;
#      pgbench at 1 and 16 clients reads the same RiskView documents with the same statements (the page's select; the
#      traversal's loads and "what depends on" lookups, hop by hop, for the graph);
#   5. it prints every figure (the lag also by how many commitments depend on the one moved), its ratio and whether
#      its target is met (bench/results/risk/report.txt).
#   BENCH_PORT (default 5086), BENCH_SECONDS (default 15), BENCH_WARMUP (default 20), BENCH_N / BENCH_EDGES (10000 / 30000).
set -euo pipefail
cd "$(dirname "$0")/.."

N="${BENCH_N:-10000}"
EDGES="${BENCH_EDGES:-30000}"
SECONDS_RUN="${BENCH_SECONDS:-15}"
WARMUP="${BENCH_WARMUP:-20}"
PORT="${BENCH_PORT:-5086}"
PG_PORT="${LOITRACKER_PG_PORT:-5544}"
DB=loitracker_bench_risk
SCHEMA=loitracker
OUT="$PWD/bench/results/risk"
KEY="$(head -c 48 /dev/urandom | base64 | tr -d "\n")"  # a random key: outside Development the Api accepts nothing less
say() { echo "[risk] $*" >&2; }

mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.tsv "$OUT"/*.json "$OUT"/*.sql "$OUT"/*.log "$OUT"/pgbench_log.*
for tool in wrk; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    say "installing $tool with apt-get"
    sudo=""; [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$tool" >/dev/null
  fi
done

BINDIR="$(scripts/pg.sh bindir)"
# The project-local cluster may already run from another worktree of this repository (same port): use it as it is.
if ! "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then scripts/pg.sh start >/dev/null; fi
BASE_URL="$(scripts/pg.sh url)"
CONN="${BASE_URL/Database=loitracker/Database=$DB}"
psql_db() { PGOPTIONS="-c client_min_messages=warning" "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

say "fresh database $DB"
"$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "drop database if exists $DB with (force)" -c "create database $DB"
STATEMENTS=false
psql_db -c "create extension if not exists pg_stat_statements" 2>/dev/null && psql_db -c "select 1 from pg_stat_statements limit 1" >/dev/null 2>&1 \
  && STATEMENTS=true

say "building the Api (Release)"
dotnet build src/Api/LoiTracker.Api.csproj -c Release -v q --nologo -clp:ErrorsOnly >/dev/null
if curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live"; then
  say "something already answers on port $PORT: stop it, or choose another port with BENCH_PORT"; exit 1
fi

say "generating the bundle ($N commitments, $EDGES dependencies)"
python3 bench/risk_bundle.py "$N" "$EDGES" "$OUT/manifest.json" > "$OUT/bundle.json"

API_ENV=(ConnectionStrings__Marten="$CONN" Auth__SigningKey="$KEY" Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production)
API_PID=""
stop_api() { if [[ -n "$API_PID" ]]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; API_PID=""; fi; }
trap stop_api EXIT
(cd src/Api && exec env "${API_ENV[@]}" Urls="http://127.0.0.1:$PORT" Sample__LoadWhenEmpty=true \
  dotnet bin/Release/net10.0/LoiTracker.Api.dll) > "$OUT/api.log" 2>&1 &
API_PID=$!
# editor reschedules milestones, legal imports; both read risk.
TOKEN="$(cd src/Api && Auth__SigningKey="$KEY" dotnet bin/Release/net10.0/LoiTracker.Api.dll token --name "Bench Risk" --role editor --role legal | tail -n1)"
echo "$TOKEN" > "$OUT/token.txt"
api() { curl -sf "http://127.0.0.1:$PORT$1" -H "Authorization: Bearer $TOKEN" "${@:2}"; }
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
for _ in $(seq 1 60); do
  [[ "$(api /api/agreements | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])' 2>/dev/null || echo 0)" -ge 1 ]] && break
  sleep 1
done

say "importing the bundle ($(( $(stat -c %s "$OUT/bundle.json") / 1024 )) KiB)"
read -r code seconds < <(curl -s -o "$OUT/import-answer.json" -w "%{http_code} %{time_total}\n" -X POST "http://127.0.0.1:$PORT/api/import" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "@$OUT/bundle.json")
[[ "$code" == 200 ]] || { say "the import answered $code: see $OUT/import-answer.json"; exit 1; }
echo "$seconds" > "$OUT/import-seconds.txt"
python3 - "$OUT" <<'EOF'
import json, sys
answer = json.load(open(f"{sys.argv[1]}/import-answer.json"))
json.dump({f"{r['kind']}:{r['key']}": r["id"] for r in answer["created"] + answer["matched"]}, open(f"{sys.argv[1]}/ids.json", "w"))
EOF
say "imported in $seconds s; waiting for the daemon to fold every event and work out every commitment's risk"
started=$(date +%s)
caught_up() {
  psql_db -c "select (select count(*) >= 1 and bool_and(last_seq_id >= (select max(seq_id) from $SCHEMA.mt_events))
      from $SCHEMA.mt_event_progression where name not like 'HighWater%')
    and (select count(*) from $SCHEMA.mt_doc_riskview) >= $N" 2>/dev/null || echo f
}
for _ in $(seq 1 600); do [[ "$(caught_up)" == t ]] && break; sleep 1; done
[[ "$(caught_up)" == t ]] || { say "the daemon did not catch up in 600 s"; exit 1; }
echo "$(( $(date +%s) - started ))" > "$OUT/catch-up-seconds.txt"
say "caught up $(cat "$OUT/catch-up-seconds.txt") s after the import's answer"

say "measure-risk: loading the graph and propagating risk over it"
(cd src/Api && env "${API_ENV[@]}" dotnet bin/Release/net10.0/LoiTracker.Api.dll measure-risk --repetitions 100) > "$OUT/measure-risk.txt" 2>&1 \
  || { say "measure-risk failed: see $OUT/measure-risk.txt"; cat "$OUT/measure-risk.txt" >&2; exit 1; }
grep '^measure-risk\|^load\|^propagate\|^levels\|^kept' "$OUT/measure-risk.txt" >&2 || true

say "200 reschedules: from each 200 to GET /api/risk showing the new level"
python3 bench/risk_lag.py "$OUT" "$PORT" 100 > "$OUT/lag.txt"
# The daemon rewrote a RiskView for every commitment each reschedule reached: their entries wait in the GIN index's
# pending list (fastupdate), which every "what depends on X" lookup scans until a vacuum merges it. Said, then merged,
# so that the Api and pgbench read the same index whatever autovacuum happens to do between them.
psql_db -c "create extension if not exists pgstattuple" 2>/dev/null \
  && psql_db -F ' ' -c "select pending_pages, pending_tuples from pgstatginindex('$SCHEMA.mt_doc_riskview_idx_data')" > "$OUT/gin-pending.txt" \
  || echo "- -" > "$OUT/gin-pending.txt"
psql_db -c "vacuum analyze $SCHEMA.mt_doc_riskview"

# The graph's root: the last commitment of a troubled cluster, the one with the deepest upstream.
ROOT_ID="$(python3 - "$OUT" <<'EOF'
import json, sys
m = json.load(open(f"{sys.argv[1]}/manifest.json")); ids = json.load(open(f"{sys.argv[1]}/ids.json"))
troubled = [c for c in m["commitments"] if c["kind"] == "troubled"]
print(ids[f"commitment:risk-c{max(c['i'] for c in troubled if c['cluster'] == troubled[0]['cluster'])}"])
EOF
)"
echo "$ROOT_ID" > "$OUT/graph-root.txt"
PAGE_PATH="/api/risk"
GRAPH_PATH="/api/risk/graph?root=$ROOT_ID&depth=3"
api "$PAGE_PATH" > "$OUT/page.json"
api "$GRAPH_PATH" > "$OUT/graph.json"

# pgbench: the page's select, as Marten sends it for ListRisk (a window count, worst first, 50 rows).
cat > "$OUT/page.sql" <<SQL
select d.id, d.data, count(*) OVER() as total_rows from $SCHEMA.mt_doc_riskview as d where CAST(d.data ->> 'rank' as integer) > 0 order by CAST(d.data ->> 'rank' as integer) desc, d.data ->> 'title', d.id LIMIT 50;
SQL
# The graph's traversal, hop by hop as GetRiskGraph does it: the root, then per hop "what depends on the frontier"
# (the GIN containment lookups of StoredRiskGraph.Downstream) and the next ring's documents by id.
python3 - "$OUT" "$ROOT_ID" "$SCHEMA" <<'EOF'
import json, sys
out, root, schema = sys.argv[1:4]
graph = json.load(open(f"{out}/graph.json"))
nodes = {n["id"] for n in graph["nodes"]}
near = {n: set() for n in nodes}
for e in graph["edges"]:
    if e["to"] in nodes:
        near[e["from"]].add(e["to"]); near[e["to"]].add(e["from"])
dist, frontier, rings = {root: 0}, [root], []
for hop in range(3):
    nxt = sorted({m for f in frontier for m in near[f] if m not in dist})
    for m in nxt: dist[m] = hop + 1
    rings.append((frontier, nxt)); frontier = nxt
table = f"{schema}.mt_doc_riskview"
lines = [f"select d.id, d.data from {table} as d where id = '{root}';"]
for frontier, nxt in rings:
    for i in range(0, len(frontier), 100):
        union = " union ".join(f"""select d.id from {table} d where d.data @> '{{"upstreamIds":["{f}"]}}'::jsonb""" for f in frontier[i:i + 100])
        lines.append(f"select json_build_object('ids', coalesce(json_agg(x.id), '[]')) from ({union}) x;")
    if nxt:
        lines.append(f"select d.id, d.data from {table} as d where id = ANY('{{{','.join(nxt)}}}'::uuid[]);")
open(f"{out}/graph.sql", "w").write("\n".join(lines) + "\n")
print(f"[risk] graph of depth 3 from the root: {len(nodes)} nodes ({', '.join(str(sum(1 for d in dist.values() if d == h)) for h in range(4))} by hop), "
      f"{len(graph['edges'])} edges, {len(lines)} statements", file=sys.stderr)
if len(dist) != len(nodes): sys.exit(f"the traversal reached {len(dist)} of the {len(nodes)} nodes the Api drew")
EOF

# What one request of each sends to PostgreSQL (pg_stat_statements, 20 requests each).
statements() {
  [[ "$STATEMENTS" == true ]] || return 0
  psql_db -c "select pg_stat_statements_reset(0, (select oid from pg_database where datname = '$DB'), 0)" >/dev/null
  for _ in $(seq 1 20); do api "$1" > /dev/null; done
  psql_db -F $'\t' -c "select calls, round(mean_exec_time::numeric, 3), rows, left(regexp_replace(query, '\s+', ' ', 'g'), 400)
    from pg_stat_statements where dbid = (select oid from pg_database where datname = '$DB') order by calls desc, total_exec_time desc" > "$OUT/statements-$2.tsv"
}
statements "$PAGE_PATH" page
statements "$GRAPH_PATH" graph

http_run() {  # label, path, connections, seconds, [output]
  BENCH_DIR="$OUT" BENCH_PATH="$2" wrk -t"$(( $3 > 1 ? 2 : 1 ))" -c"$3" -d"${4}s" --latency -s bench/risk.lua "http://127.0.0.1:$PORT" > "${5:-/dev/null}" 2>&1
}
pg_run() {  # label, script, clients
  rm -f "$OUT"/pgbench_log.*
  (cd "$OUT" && "$BINDIR/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$3" -j "$(( $3 > 1 ? 2 : 1 ))" -T "$SECONDS_RUN" \
    -l --log-prefix=pgbench_log -f "$2" "$DB" > "pgbench-$1.txt" 2>&1) || say "pgbench reported errors: see $OUT/pgbench-$1.txt"
  cat "$OUT"/pgbench_log.* > "$OUT/pgbench-$1.latencies"; rm -f "$OUT"/pgbench_log.*
}
for what in page graph; do
  path="$PAGE_PATH"; [[ "$what" == graph ]] && path="$GRAPH_PATH"
  say "$what: warming up for ${WARMUP}s"
  http_run "$what" "$path" 16 "$WARMUP"
  for c in 1 16; do
    say "$what: HTTP, wrk, $c connection(s), ${SECONDS_RUN}s"
    http_run "$what" "$path" "$c" "$SECONDS_RUN" "$OUT/wrk-$what-$c.txt"
    say "$what: pgbench, the same documents, $c client(s), ${SECONDS_RUN}s"
    pg_run "$what-$c" "$what.sql" "$c"
  done
done
stop_api

python3 bench/risk_report.py "$OUT" | tee "$OUT/report.txt"
