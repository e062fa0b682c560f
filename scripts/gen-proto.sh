#!/usr/bin/env bash
# Regenerates libs/proto/generated/ from proto/ (the one source of the wire): a static
# module with its types for encoding, and a JSON descriptor for the strict proto3 JSON
# parser. Generated files are never edited and never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=libs/proto/generated
mkdir -p "$out"
protos=(proto/accord/v1/*.proto)
npx pbjs -t static-module -w es6 --es6 --force-number --no-delimited --no-verify --no-convert \
  -p proto -o "$out/accord.js" "${protos[@]}"
npx pbts -o "$out/accord.d.ts" "$out/accord.js"
npx pbjs -t json -p proto -o "$out/descriptor.json" "${protos[@]}"
