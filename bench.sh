#!/usr/bin/env bash
# Benchmarks: programs that print figures (never timed assertions). Results and what they mean: docs/benchmarks.md.
#   ./bench.sh append   the command path: POST /api/commitments/{id}/deliveries against pgbench on the same PostgreSQL
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-}" in
  append) shift; exec bench/append.sh "$@" ;;
  *) echo "usage: ./bench.sh append" >&2; exit 2 ;;
esac
