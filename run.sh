#!/usr/bin/env bash
# Starts the project-local PostgreSQL, applies the schema and serves the Api on http://127.0.0.1:5080.
# Run it again any time: it reuses the cluster. Stop the database with `scripts/pg.sh stop`.
set -euo pipefail
cd "$(dirname "$0")"

scripts/pg.sh start
export ConnectionStrings__Marten="${ConnectionStrings__Marten:-$(scripts/pg.sh url)}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# The reference deal (samples/openai-samsung-loi-2025.json) is loaded into an empty database.
export Sample__LoadWhenEmpty="${Sample__LoadWhenEmpty:-true}"

echo "[run] building the Api…" >&2
dotnet build src/Api/LoiTracker.Api.csproj -c Release -v q --nologo -clp:ErrorsOnly

# The address the Api will really listen on: Urls (or ASPNETCORE_URLS) when set, else appsettings.json's.
URL="${Urls:-${ASPNETCORE_URLS:-http://127.0.0.1:5080}}"
URL="${URL%%;*}"
cat >&2 <<TXT

[run] LoiTracker serves $URL (interactive docs at $URL/docs); the Api confirms with "Now listening on".
[run] In another terminal, get a token and try it:

  TOKEN=\$(dotnet run --project src/Api -- token --name "Ada Legal" --role legal)
  curl -s $URL/api/agreements -H "Authorization: Bearer \$TOKEN"

[run] README.md walks through drafting and signing the OpenAI–Samsung letter of intent. Ctrl+C stops the Api.

TXT
cd src/Api && exec dotnet bin/Release/net10.0/LoiTracker.Api.dll "$@"
