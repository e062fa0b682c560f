#!/usr/bin/env bash
# Installs what Accord needs on a fresh Debian machine with Node 20, and nothing it
# already has: npm packages, redis-server, openssl, protoc, and nats-server >= 2.10.27
# (Debian trixie's package, unpacked into .tools/ when the system's is absent or older).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }

# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json .tools/installed-package-lock.json 2>/dev/null; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  mkdir -p .tools && cp package-lock.json .tools/installed-package-lock.json
fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: redis-server for the stack; openssl for the stack's TLS material;
# protoc and the well-known .proto files for the independent verification test.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
[ -f /usr/include/google/protobuf/timestamp.proto ] || missing+=(libprotobuf-dev)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing from Debian: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

exec scripts/ensure-nats-server.sh
