#!/usr/bin/env bash
# The Wolverine code production runs, committed in src/Api/Internal/Generated (ADR 13).
#   scripts/codegen.sh          regenerates it; commit the result with the endpoint change that needed it
#   scripts/codegen.sh --check  fails, naming the files, if the committed code is not what the endpoints generate
#                               now (./test.sh runs it on the build it has just made)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
generated=src/Api/Internal/Generated

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ "${1:-}" == "--check" ]]; then
  dll="${CODEGEN_API_DLL:-src/Api/bin/Debug/net10.0/LoiTracker.Api.dll}"
else
  # Built without the committed code: after an endpoint changes, that code may no longer compile.
  echo "[codegen] building the Api without its generated code…" >&2
  dotnet build src/Api/LoiTracker.Api.csproj -c Codegen -p:WithoutGeneratedCode=true --nologo -v q -clp:ErrorsOnly
  dll=src/Api/bin/Codegen/net10.0/LoiTracker.Api.dll
fi

# Written under the content root, here a scratch folder: the working tree changes only when the run succeeded.
# The host is built as in production, which wants a signing key; this one checks nothing and is thrown away.
cp src/Api/appsettings.json "$work/"
key="$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
if ! (cd "$work" && ASPNETCORE_ENVIRONMENT=Production Auth__SigningKey="$key" dotnet "$root/$dll" codegen write >codegen.log 2>&1); then
  cat "$work/codegen.log" >&2
  echo "[codegen] generating the code failed (above)" >&2
  exit 1
fi

if [[ "${1:-}" == "--check" ]]; then
  if ! changes="$(diff -rq "$work/Internal/Generated" "$generated" 2>&1)"; then
    echo "$changes" | sed -E -e "s|^Files $work/Internal/Generated/(.*) and .* differ$|[codegen] changed: \1|" \
      -e "s|^Only in $work/Internal/Generated/?(.*): (.*)$|[codegen] not committed: \1/\2|" \
      -e "s|^Only in $generated/?(.*): (.*)$|[codegen] no longer generated: \1/\2|" >&2
    echo "[codegen] $generated is stale: run scripts/codegen.sh and commit the result." >&2
    exit 1
  fi
  echo "[codegen] $generated is current." >&2
  exit 0
fi

rm -rf "$generated"
mkdir -p "$(dirname "$generated")"
mv "$work/Internal/Generated" "$generated"
echo "[codegen] wrote $(find "$generated" -name '*.cs' | wc -l) files to $generated" >&2
git status --short -- "$generated" >&2
