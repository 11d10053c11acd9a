#!/usr/bin/env bash
# Runs every test against a real PostgreSQL, started the same way as ./run.sh does (scripts/pg.sh).
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Agreements".
# tests/Contract.Tests restores its own tools (dotnet tool restore; npm ci in tests/Contract.Tests/typescript).
set -euo pipefail
cd "$(dirname "$0")"

scripts/pg.sh start
# The dashboard's browser tests drive Debian's Chromium (tests/Web.Tests): installed here when missing.
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  echo "[test] installing chromium with apt-get" >&2
  sudo=""; [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
export LOITRACKER_TEST_CONNECTION="${LOITRACKER_TEST_CONNECTION:-$(scripts/pg.sh url)}"

rm -rf TestResults
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
if ! dotnet build LoiTracker.sln --nologo -v q -clp:ErrorsOnly | tee "$build_log"; then
  if grep -q "Internal/Generated" "$build_log"; then
    echo "[test] the generated endpoint code no longer compiles against the endpoints: run scripts/codegen.sh" >&2
  fi
  exit 1
fi
# Tests and production run the committed generated code (ADR 13): it must be what the endpoints generate now.
scripts/codegen.sh --check

# One results file per test project, named after it, so no two runs can overwrite each other's.
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory TestResults "$@" || status=$?
done
scripts/test-summary.sh TestResults
exit $status
