#!/usr/bin/env bash
# ./bench.sh crash: the kill-and-verify loop (docs/benchmarks.md). SIGKILLs the Api and PostgreSQL under load, then
# checks every acknowledged write at its returned version, and prints acknowledged, found, lost, duplicated.
#   1. its own PostgreSQL cluster (.data/crash/pg, port BENCH_PG_PORT, default 5546), never the shared one on 5544:
#      the benchmark kills its server again and again; a fresh database loitracker_crash in it;
#   2. the Api in Release, production mode, a random signing key, port BENCH_PORT (default 5083), the sample deal and
#      BENCH_COMMITMENTS generated commitments (default 100);
#   3. bench/crash.py: BENCH_WORKERS writers (default 8) for BENCH_SECONDS (default 60), each write with a fresh
#      Idempotency-Key and retried with the same key until answered, while the Api, PostgreSQL or both are SIGKILLed
#      and restarted every BENCH_CHAOS_MIN-BENCH_CHAOS_MAX seconds (default 3-9); then the check in mt_events, and
#      what the Api answers for each commitment against its events, before and after the daemon catches up.
# Exit status: 0 nothing lost or duplicated, 1 something was (or a read disagrees with the events), 2 the benchmark could
# not run. Results in bench/results/crash/ (report.txt, api.log with UTC times, writes.jsonl, problems.tsv).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_PORT:-5083}"
PG_PORT="${BENCH_PG_PORT:-5546}"
OUT="bench/results/crash"
say() { echo "[crash] $*" >&2; }

if [[ "$PG_PORT" == 5544 ]]; then say "5544 is the shared cluster other people's tests use: choose another BENCH_PG_PORT"; exit 2; fi
mkdir -p "$OUT" .data/crash
rm -f "$OUT/api.pid"

# The cluster's folder. As root the server runs as the postgres user, which must be able to reach it; when it cannot
# (a clone under /root), the cluster lives under /var/lib/postgresql instead, as scripts/pg.sh does for its own.
PGDATA_DIR="$PWD/.data/crash/pg"
if [[ "$(id -u)" -eq 0 ]] && ! runuser -u postgres -- test -x "$PWD/.data/crash" 2>/dev/null; then
  PGDATA_DIR="/var/lib/postgresql/loitracker-crash-$(echo -n "$PWD" | sha1sum | cut -c1-12)/pg"
fi
export LOITRACKER_PGDATA="$PGDATA_DIR" LOITRACKER_PG_PORT="$PG_PORT" LOITRACKER_PG_DB=loitracker_crash

# Someone else's server on that port would be killed by nobody, but the benchmark would write to it: refuse.
if ! scripts/pg.sh status >/dev/null 2>&1 && (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
  say "something that is not the crash cluster listens on port $PG_PORT: choose another BENCH_PG_PORT"; exit 2
fi
if curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live"; then
  say "something already answers on port $PORT: stop it, or choose another port with BENCH_PORT"; exit 2
fi

say "building the Api (Release)"
dotnet build src/Api/LoiTracker.Api.csproj -c Release -v q --nologo -clp:ErrorsOnly >/dev/null

scripts/pg.sh start
BINDIR="$(scripts/pg.sh bindir)"
stop_cluster() { scripts/pg.sh stop >/dev/null 2>&1 || true; }
cleanup() {
  # The Api crash.py started last, if crash.py itself died before stopping it: by its recorded PID, and only if that
  # PID still runs our dll.
  if [[ -s "$OUT/api.pid" ]]; then
    pid="$(cat "$OUT/api.pid")"
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "LoiTracker.Api.dll"; then kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$OUT/api.pid"
  fi
  stop_cluster
}
trap cleanup EXIT

say "fresh database loitracker_crash on 127.0.0.1:$PG_PORT ($LOITRACKER_PGDATA)"
PGOPTIONS="-c client_min_messages=warning" "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc \
  "drop database if exists loitracker_crash with (force)" -c "create database loitracker_crash"
"$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d loitracker_crash -qAt \
  -c "select 'fsync ' || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit') || ', ' || version()" >&2

KEY="$(head -c 48 /dev/urandom | base64 | tr -d "\n")"  # a random key: outside Development the Api accepts nothing less
# One subject for every writer: Idempotency-Keys are kept per subject.
TOKEN="$(cd src/Api && Auth__SigningKey="$KEY" ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/LoiTracker.Api.dll \
  token --name "Crash Bench" --subject crash-bench --role editor --role legal | tail -n1)"

: > "$OUT/api.log"
CRASH_OUT="$OUT" CRASH_PSQL="$BINDIR/psql" CRASH_TOKEN="$TOKEN" CRASH_KEY="$KEY" CRASH_CONNECTION="$(scripts/pg.sh url)" \
  BENCH_PORT="$PORT" python3 bench/crash.py | tee "$OUT/report.txt"
