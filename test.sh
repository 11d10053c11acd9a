#!/usr/bin/env bash
# Runs every test against a real PostgreSQL, started the same way as ./run.sh does (scripts/pg.sh).
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Agreements".
set -euo pipefail
cd "$(dirname "$0")"

scripts/pg.sh start
export LOITRACKER_TEST_CONNECTION="${LOITRACKER_TEST_CONNECTION:-$(scripts/pg.sh url)}"

rm -rf TestResults
status=0
dotnet test LoiTracker.sln --nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory TestResults "$@" || status=$?
scripts/test-summary.sh TestResults
exit $status
