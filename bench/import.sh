#!/usr/bin/env bash
# ./bench.sh import: is POST /api/import linear in the bundle, in time and memory? (docs/benchmarks.md)
# In one run, for each size in BENCH_IMPORT_SIZES (default "20000 40000" generated commitments, bench/seed_bundle.py):
#   1. a schema of its own in a fresh database loitracker_bench_import on the project-local PostgreSQL, the Api
#      (Release, production mode) started on it with the sample deal, a warm-up import of BENCH_WARMUP commitments
#      (default 2000: the JIT's work is then mostly done), then the bundle imported once, timed by curl;
#   2. the Api's managed heap sampled every 10 ms during it (Diagnostics:HeapPeakFile, src/Api/Infrastructure/HeapPeak.cs)
#      and its peak RSS (VmHWM) read from /proc as a secondary figure;
#   3. the same rows written in bulk: every row the import's transaction wrote (its xmin) in mt_events, mt_streams
#      and the mt_doc_* tables is copied out, then loaded with COPY, in one transaction, into empty copies of those
#      tables with the same indexes; the load is timed;
#   4. it prints seconds per size, the ratio of the largest to the smallest (target <= 2.2 for 40,000 against 20,000),
#      import against bulk write (target <= 2) and peak managed heap against the bundle's bytes (target <= 20), and,
#      from pg_stat_statements, what PostgreSQL spent executing the import's writes and everything else meanwhile.
#   BENCH_PORT (default 5084), BENCH_ROUNDS (default 1: each round imports every size again, each in a new schema).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${BENCH_IMPORT_SIZES:-20000 40000}"
WARMUP="${BENCH_WARMUP:-2000}"
ROUNDS="${BENCH_ROUNDS:-1}"
PORT="${BENCH_PORT:-5084}"
DB=loitracker_bench_import
OUT="bench/results/import"
KEY="$(head -c 48 /dev/urandom | base64 | tr -d "\n")"  # a random key: outside Development the Api accepts nothing less
say() { echo "[import] $*" >&2; }

mkdir -p "$OUT"
rm -f "$OUT"/*.tsv "$OUT"/*.bin "$OUT"/heap-* "$OUT"/report.txt
scripts/pg.sh start >/dev/null
BINDIR="$(scripts/pg.sh bindir)"
BASE_URL="$(scripts/pg.sh url)"
CONN="${BASE_URL/Database=loitracker/Database=$DB}"
psql_db() { PGOPTIONS="-c client_min_messages=warning" "$BINDIR/psql" -h 127.0.0.1 -p "${LOITRACKER_PG_PORT:-5544}" -U postgres -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

say "fresh database $DB"
"$BINDIR/psql" -h 127.0.0.1 -p "${LOITRACKER_PG_PORT:-5544}" -U postgres -d postgres -qc "drop database if exists $DB with (force)" -c "create database $DB"
STATEMENTS=false
psql_db -c "create extension if not exists pg_stat_statements" 2>/dev/null && psql_db -c "select 1 from pg_stat_statements limit 1" >/dev/null 2>&1 \
  && STATEMENTS=true

say "building the Api (Release)"
dotnet build src/Api/LoiTracker.Api.csproj -c Release -v q --nologo -clp:ErrorsOnly >/dev/null
if curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live"; then
  say "something already answers on port $PORT: stop it, or choose another port with BENCH_PORT"; exit 1
fi

say "generating the bundles"
python3 bench/seed_bundle.py "$WARMUP" warmup > "$OUT/bundle-warmup.json"
for n in $SIZES; do python3 bench/seed_bundle.py "$n" > "$OUT/bundle-$n.json"; done
TOKEN="$(cd src/Api && Auth__SigningKey="$KEY" dotnet bin/Release/net10.0/LoiTracker.Api.dll token --name "Bench Legal" --role legal | tail -n1)"

API_PID=""
stop_api() { if [[ -n "$API_PID" ]]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; API_PID=""; fi; }
trap stop_api EXIT

post_bundle() {  # file, answer file: prints "http_code seconds"
  curl -s -o "$2" -w "%{http_code} %{time_total}\n" -X POST "http://127.0.0.1:$PORT/api/import" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary "@$1"
}

# One import of the bundle of $1 commitments into schema $2: appends a line to $OUT/runs.tsv.
measure() {
  local n="$1" schema="$2" bundle="$OUT/bundle-$1.json" heap="$PWD/$OUT/heap-$2"
  psql_db -c "drop schema if exists $schema cascade"
  (cd src/Api && exec env ConnectionStrings__Marten="$CONN" Database__Schema="$schema" Urls="http://127.0.0.1:$PORT" \
    Sample__LoadWhenEmpty=true Auth__SigningKey="$KEY" Diagnostics__HeapPeakFile="$heap" Logging__LogLevel__Default=Warning \
    ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/LoiTracker.Api.dll) > "$OUT/api-$schema.log" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
  for _ in $(seq 1 60); do
    [[ "$(curl -s "http://127.0.0.1:$PORT/api/agreements" -H "Authorization: Bearer $TOKEN" \
      | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])' 2>/dev/null || echo 0)" -ge 1 ]] && break
    sleep 1
  done
  read -r code _ < <(post_bundle "$OUT/bundle-warmup.json" "$OUT/answer-warmup.json")
  [[ "$code" == 200 ]] || { say "the warm-up import answered $code: see $OUT/answer-warmup.json"; exit 1; }
  # Settled: the daemon (started a few seconds after the Api) has caught up with the warm-up, so its start-up and
  # first compilations do not fall into the measured import.
  for _ in $(seq 1 60); do
    [[ "$(psql_db -c "select count(*) >= 1 and bool_and(last_seq_id >= (select max(seq_id) from $schema.mt_events))
      from $schema.mt_event_progression where name not like 'HighWater%'" 2>/dev/null)" == t ]] && break
    sleep 1
  done
  psql_db -c "checkpoint"
  [[ "$STATEMENTS" == true ]] && psql_db -c "select pg_stat_statements_reset(0, (select oid from pg_database where datname = '$DB'), 0)" >/dev/null
  sleep 1
  local heap_before rss_before code seconds
  heap_before="$(cut -d' ' -f2 "$heap")"
  rss_before="$(awk '/VmRSS/{print $2}' "/proc/$API_PID/status")"

  say "importing $n commitments (schema $schema)"
  read -r code seconds < <(post_bundle "$bundle" "$OUT/answer-$schema.json")
  sleep 0.3  # the heap file is rewritten every 100 ms
  local heap_peak rss_peak
  heap_peak="$(cut -d' ' -f1 "$heap")"
  rss_peak="$(awk '/VmHWM/{print $2}' "/proc/$API_PID/status")"
  [[ "$code" == 200 ]] || { say "the import answered $code: see $OUT/answer-$schema.json"; exit 1; }
  local created
  created="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["outcome"], len(r["created"]))' "$OUT/answer-$schema.json")"
  [[ "$created" == "imported $((n + 1))" ]] || { say "unexpected answer: $created"; exit 1; }
  local pg_ms="-" other_ms="-"
  if [[ "$STATEMENTS" == true ]]; then
    # What PostgreSQL spent executing the import's writes, and everything else meanwhile (the daemon's polling, mostly).
    read -r pg_ms other_ms < <(psql_db -F ' ' -c "select round(coalesce(sum(total_exec_time) filter (where mine), 0)),
      round(coalesce(sum(total_exec_time) filter (where not mine), 0))
      from (select total_exec_time, query ~* '(mt_quick_append_events|insert into $schema\.|mt_upsert_|mt_insert_)' as mine
            from pg_stat_statements where dbid = (select oid from pg_database where datname = '$DB')) s")
  fi
  stop_api

  # The rows the import's one transaction wrote, by table, copied out and loaded again with COPY into empty copies.
  local xid tables bulk_ms rows=0
  xid="$(psql_db -c "select xmin from $schema.mt_events where type = 'bundle_imported' order by seq_id desc limit 1")"
  tables="$(psql_db -c "select tablename from pg_tables where schemaname = '$schema' and (tablename in ('mt_events', 'mt_streams') or tablename like 'mt_doc_%') order by 1")"
  psql_db -c "drop schema if exists bulk_$schema cascade" -c "create schema bulk_$schema"
  local load="" t count
  : > "$OUT/rows-$schema.tsv"
  for t in $tables; do
    count="$(psql_db -c "select count(*) from $schema.$t where xmin::text = '$xid'")"
    [[ "$count" -eq 0 ]] && continue
    rows=$((rows + count))
    printf '%s\t%s\n' "$t" "$count" >> "$OUT/rows-$schema.tsv"
    psql_db -c "create table bulk_$schema.$t (like $schema.$t including all)"
    psql_db -c "\\copy (select * from $schema.$t where xmin::text = '$xid') to '$OUT/$t.bin' with (format binary)"
    load+="\\copy bulk_$schema.$t from '$OUT/$t.bin' with (format binary)"$'\n'
  done
  psql_db -c "checkpoint"
  local started
  started=$(date +%s%N)
  printf 'begin;\n%scommit;\n' "$load" | psql_db
  bulk_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  psql_db -c "drop schema bulk_$schema cascade" -c "drop schema $schema cascade"
  rm -f "$OUT"/*.bin

  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$seconds" "$bulk_ms" "$rows" "$(stat -c %s "$bundle")" \
    "$heap_before" "$heap_peak" "$rss_before" "$rss_peak" "$pg_ms" "$other_ms" >> "$OUT/runs.tsv"
  say "$n: $seconds s; bulk write of its $rows rows $bulk_ms ms; managed heap peak $((heap_peak / 1048576)) MiB"
}

printf 'commitments\tseconds\tbulk_ms\trows\tbundle_bytes\theap_before\theap_peak\trss_before_kib\trss_peak_kib\tpg_ms\tother_pg_ms\n' > "$OUT/runs.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for n in $SIZES; do measure "$n" "import_${round}_${n}"; done
done

python3 - "$OUT/runs.tsv" <<'EOF' | tee "$OUT/report.txt"
import csv, statistics, sys
runs = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
sizes = sorted({int(r["commitments"]) for r in runs})
mib = 1024 * 1024
print(f"{'commitments':>11} {'bundle':>9} {'import':>8} {'bulk COPY':>9} {'import/bulk':>11} {'PG: import':>10} {'PG: other':>9} "
      f"{'heap before':>11} {'heap peak':>9} {'peak/bundle':>11} {'RSS peak':>9}")
seconds = lambda ms: "-" if ms == "-" else f"{int(ms) / 1000:.2f} s"
for r in runs:
    s, bulk, size, peak = float(r["seconds"]), int(r["bulk_ms"]) / 1000, int(r["bundle_bytes"]), int(r["heap_peak"])
    print(f"{int(r['commitments']):>11,} {size / mib:>6.1f} MiB {s:>6.2f} s {bulk:>7.2f} s {s / bulk:>11.2f} {seconds(r['pg_ms']):>10} "
          f"{seconds(r['other_pg_ms']):>9} {int(r['heap_before']) / mib:>7.0f} MiB {peak / mib:>5.0f} MiB {peak / size:>11.1f} "
          f"{int(r['rss_peak_kib']) / 1024:>5.0f} MiB")
by = {n: [float(r["seconds"]) for r in runs if int(r["commitments"]) == n] for n in sizes}
small, large = sizes[0], sizes[-1]
ratio = statistics.median(by[large]) / statistics.median(by[small])
worst_bulk = max(float(r["seconds"]) / (int(r["bulk_ms"]) / 1000) for r in runs)
worst_heap = max(int(r["heap_peak"]) / int(r["bundle_bytes"]) for r in runs)
print(f"time {large:,} / {small:,}: {ratio:.2f} (target <= 2.2 for twice the bundle: {'met' if ratio <= 2.2 else 'not met'})")
print(f"import / bulk write, worst: {worst_bulk:.2f} (target <= 2: {'met' if worst_bulk <= 2 else 'not met'})")
print(f"peak managed heap / bundle bytes, worst: {worst_heap:.1f} (target <= 20: {'met' if worst_heap <= 20 else 'not met'})")
EOF
