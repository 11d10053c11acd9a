#!/usr/bin/env bash
# Benchmarks: programs that print figures (never timed assertions). Results and what they mean: docs/benchmarks.md.
#   ./bench.sh append   the command path: POST /api/commitments/{id}/deliveries against pgbench on the same PostgreSQL
#   ./bench.sh coldstart [REF]   process start to the first answers in production mode; given a git ref, that commit too
#   ./bench.sh import   POST /api/import of 20,000 and 40,000 generated commitments: time, managed heap, against a bulk COPY
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-}" in
  append) shift; exec bench/append.sh "$@" ;;
  coldstart) shift; exec bench/coldstart.sh "$@" ;;
  import) shift; exec bench/import.sh "$@" ;;
  *) echo "usage: ./bench.sh append | coldstart [REF] | import" >&2; exit 2 ;;
esac
