#!/usr/bin/env bash
# Benchmarks: programs that print figures (never timed assertions). Results and what they mean: docs/benchmarks.md.
#   ./bench.sh append   the command path: POST /api/commitments/{id}/deliveries against pgbench on the same PostgreSQL
#   ./bench.sh append-compare REF [REF ...]   the append bench for the working tree and each REF, in turns, one protocol
#   ./bench.sh register  a register page of 50 against pgbench reading the same documents, short and long delivery history
#   ./bench.sh crash    SIGKILL the Api and PostgreSQL under load, then check every acknowledged write at its returned version
#   ./bench.sh coldstart [REF]   process start to the first answers in production mode; given a git ref, that commit too
#   ./bench.sh audit    the audit trail on a million events: asOf reads, the audit log, the register asOf, the job's catch-up
#   ./bench.sh alerts   10,000 milestones falling due in the same minute: time until all alerts are raised, duplicates
#   ./bench.sh import   POST /api/import of 20,000 and 40,000 generated commitments: time, managed heap, against a bulk COPY
#   ./bench.sh ui       the dashboard on 10,000 commitments: each page's server time and the overview and register loaded in Chromium
#   ./bench.sh risk     10,000 commitments, 30,000 dependencies: graph load and propagation, reschedule-to-visible lag, /api/risk and /graph against pgbench
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-}" in
  append) shift; exec bench/append.sh "$@" ;;
  append-compare) shift; exec bench/append_compare.sh "$@" ;;
  register) shift; exec bench/register.sh "$@" ;;
  coldstart) shift; exec bench/coldstart.sh "$@" ;;
  crash) shift; exec bench/crash.sh "$@" ;;
  import) shift; exec bench/import.sh "$@" ;;
  audit) shift; exec bench/audit.sh "$@" ;;
  risk) shift; exec bench/risk.sh "$@" ;;
  alerts) shift; exec bench/alerts.sh "$@" ;;
  ui) shift; exec bench/ui.sh "$@" ;;
  *) echo "usage: ./bench.sh append | append-compare REF [REF ...] | register | coldstart [REF] | crash | import | audit | risk | alerts | ui" >&2; exit 2 ;;
esac
