#!/usr/bin/env bash
# Installs what Accord needs on a fresh Debian machine with Node 20, and nothing it
# already has: python3, make and g++ (for native npm packages built from source),
# redis-server, openssl, protoc, Chromium (for the console's browser tests), npm packages,
# and nats-server >= 2.10.27 (Debian trixie's package, unpacked into .tools/ when the
# system's is absent or older).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages, before npm ci, which needs the first three: python3, make and g++ for
# node-gyp, which builds better-sqlite3 (the agency node's database) from source where
# no prebuilt binary can be downloaded; redis-server for the stack; openssl for the
# stack's TLS material; protoc and the well-known .proto files for the independent
# verification test; Chromium at /usr/bin/chromium, which the browser tests drive
# (playwright-core downloads no browser of its own).
missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
[ -f /usr/include/google/protobuf/timestamp.proto ] || missing+=(libprotobuf-dev)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing from Debian: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# node-gyp compiles against Node's headers and, unless told where they are, downloads
# them, which fails offline: point it at the headers installed with this Node (e.g.
# /usr/include/node beside /usr/bin/node) when their version is its own and npm names
# no nodedir already.
node_headers_dir() {
  local prefix
  prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  [ -f "$prefix/include/node/node_version.h" ] || return 1
  node -e '
    const text = require("fs").readFileSync(process.argv[1], "utf8");
    const part = (k) => (new RegExp(`#define NODE_${k}_VERSION (\\d+)`).exec(text) ?? [])[1];
    process.exit(`v${part("MAJOR")}.${part("MINOR")}.${part("PATCH")}` === process.version ? 0 : 1);
  ' "$prefix/include/node/node_version.h" || return 1
  printf '%s\n' "$prefix"
}

# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json .tools/installed-package-lock.json 2>/dev/null; then
  if [ -z "${npm_config_nodedir:-}" ] && [ "$(npm config get nodedir)" = "undefined" ] && headers=$(node_headers_dir); then
    export npm_config_nodedir="$headers"
  fi
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  mkdir -p .tools && cp package-lock.json .tools/installed-package-lock.json
fi

exec scripts/ensure-nats-server.sh
