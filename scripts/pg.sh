#!/usr/bin/env bash
# The project-local PostgreSQL: no Docker, no manual set-up (docs/adr/0003-local-postgresql.md).
#   scripts/pg.sh start    start (or reuse) the cluster and make sure the database exists
#   scripts/pg.sh stop     stop it
#   scripts/pg.sh status   say whether it runs
#   scripts/pg.sh url      print the connection string the Api and the tests use
#   scripts/pg.sh psql     open psql on the database
#   scripts/pg.sh bindir | logfile   where the server binaries and the server log are
# ConnectionStrings__Marten in the environment overrides all of this (a real deployment).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_PORT="${LOITRACKER_PG_PORT:-5544}"
PG_DB="${LOITRACKER_PG_DB:-loitracker}"
PG_USER=postgres
LOG_PREFIX="[pg]"

say() { echo "$LOG_PREFIX $*" >&2; }

find_bindir() {
  local dir
  # Newest installed server first; 15 is the oldest we support.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
    local version; version="$(basename "$(dirname "$dir")")"
    if [[ -x "$dir/pg_ctl" && -x "$dir/initdb" && -x "$dir/postgres" && "${version%%.*}" -ge 15 ]]; then
      echo "$dir"; return 0
    fi
  done
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir)"
    [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]] && { echo "$dir"; return 0; }
  fi
  return 1
}

install_server() {
  say "no PostgreSQL server found: installing it with the package manager"
  local sudo=""
  [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  elif command -v dnf >/dev/null 2>&1; then
    $sudo dnf install -y postgresql-server postgresql-contrib
  elif command -v brew >/dev/null 2>&1; then
    brew install postgresql@16
  else
    say "no supported package manager: install PostgreSQL 15+ and run again"; exit 1
  fi
}

BINDIR="$(find_bindir || true)"
if [[ -z "$BINDIR" ]]; then
  install_server
  BINDIR="$(find_bindir)" || { say "PostgreSQL still not found after installing"; exit 1; }
fi

AS_ROOT=false
[[ "$(id -u)" -eq 0 ]] && AS_ROOT=true

# Where the cluster lives. As root the server runs as the postgres user, which must be able to reach the folder;
# a clone under /root is not reachable, so the cluster then lives under /var/lib/postgresql, keyed by the clone's path.
PGDATA="${LOITRACKER_PGDATA:-$ROOT/.data/pg}"
if $AS_ROOT && [[ -z "${LOITRACKER_PGDATA:-}" ]]; then
  id "$PG_USER" >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql --shell /bin/bash "$PG_USER"
  mkdir -p "$ROOT/.data"
  if ! runuser -u "$PG_USER" -- test -x "$ROOT/.data" 2>/dev/null; then
    key="$(echo -n "$ROOT" | sha1sum | cut -c1-12)"
    PGDATA="/var/lib/postgresql/loitracker-$key/pg"
  fi
fi

as_server_user() {
  if $AS_ROOT; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

is_running() { as_server_user "$BINDIR/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

psql_cmd() { PGOPTIONS="-c client_min_messages=warning" "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -qAt "$@"; }

init_cluster() {
  say "creating a local cluster in $PGDATA"
  mkdir -p "$PGDATA"
  $AS_ROOT && chown -R "$PG_USER" "$(dirname "$PGDATA")"
  chmod 700 "$PGDATA"
  # Data checksums: a page corrupted on disk is reported when read, instead of being read as if it were right.
  as_server_user "$BINDIR/initdb" -D "$PGDATA" -U "$PG_USER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 --data-checksums >/dev/null
  # Loopback only, no Unix socket (its folder would have to be reachable by every user),
  # pg_stat_statements for the benchmarks, commit timestamps for "as known at T" (docs/adr/0005).
  cat >>"$PGDATA/postgresql.conf" <<EOF

# --- LoiTracker local cluster ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 300
shared_buffers = 256MB
shared_preload_libraries = 'pg_stat_statements'
track_commit_timestamp = on
log_min_duration_statement = -1
EOF
}

start() {
  if [[ ! -s "$PGDATA/PG_VERSION" ]]; then init_cluster; fi
  if is_running; then
    say "already running on 127.0.0.1:$PG_PORT ($PGDATA)"
  else
    as_server_user "$BINDIR/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 start >/dev/null \
      || { say "the server did not start; its log:"; tail -n 30 "$PGDATA/server.log" >&2; exit 1; }
    say "started on 127.0.0.1:$PG_PORT ($PGDATA)"
  fi
  if [[ "$(psql_cmd -d postgres -c "select 1 from pg_database where datname = '$PG_DB'")" != "1" ]]; then
    psql_cmd -d postgres -c "create database \"$PG_DB\"" >/dev/null
    say "created database $PG_DB"
  fi
  psql_cmd -d "$PG_DB" -c "create extension if not exists pg_stat_statements" >/dev/null
}

case "${1:-start}" in
  start) start ;;
  stop) if is_running; then as_server_user "$BINDIR/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; say "stopped"; else say "not running"; fi ;;
  status) if is_running; then say "running on 127.0.0.1:$PG_PORT ($PGDATA)"; else say "not running"; exit 3; fi ;;
  url) echo "Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DB;Username=$PG_USER;Maximum Pool Size=100" ;;
  bindir) echo "$BINDIR" ;;
  logfile) echo "$PGDATA/server.log" ;;
  psql) shift; exec "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" "$@" ;;
  *) echo "usage: $0 start|stop|status|url|bindir|logfile|psql" >&2; exit 2 ;;
esac
