#!/usr/bin/env bash
# Runs every test against a real PostgreSQL, started the same way as ./run.sh does (scripts/pg.sh).
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Agreements".
# tests/Contract.Tests restores its own tools (dotnet tool restore; npm ci in tests/Contract.Tests/typescript).
set -euo pipefail
cd "$(dirname "$0")"

scripts/pg.sh start
export LOITRACKER_TEST_CONNECTION="${LOITRACKER_TEST_CONNECTION:-$(scripts/pg.sh url)}"

rm -rf TestResults
dotnet build LoiTracker.sln --nologo -v q -clp:ErrorsOnly

# One results file per test project, named after it, so no two runs can overwrite each other's.
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory TestResults "$@" || status=$?
done
scripts/test-summary.sh TestResults
exit $status
