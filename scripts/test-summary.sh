#!/usr/bin/env bash
# Prints "N passed, N failed" from the TRX files `dotnet test` wrote: the counts come from the test results,
# never from the exit code. A run that produced no results (a build failure) prints zeros and fails.
set -euo pipefail
dir="${1:-TestResults}"
shopt -s nullglob
files=("$dir"/*.trx)
passed=0; failed=0
for f in "${files[@]}"; do
  counters="$(grep -o '<Counters [^>]*>' "$f" | head -n1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  fl="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
  to="$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${fl:-0} + ${e:-0} + ${to:-0}))
done
echo "${passed} passed, ${failed} failed"
[[ ${#files[@]} -gt 0 ]]
