#!/usr/bin/env bash
# Makes sure a nats-server >= 2.10.27 is available: the system's when it is recent
# enough, else Debian trixie's package unpacked into .tools/nats-server (git-ignored).
# 2.9.x lacks sync_interval and fixes for CVE-2023-47090 and CVE-2025-30215.
set -euo pipefail
cd "$(dirname "$0")/.."

minimum="2.10.27"
local_bin=".tools/nats-server/usr/sbin/nats-server"

version_of() { "$1" --version 2>/dev/null | sed -n 's/^nats-server: v\{0,1\}\([0-9.]*\).*/\1/p'; }
recent_enough() { [ "$(printf '%s\n%s\n' "$minimum" "$1" | sort -V | head -n1)" = "$minimum" ]; }

for candidate in "${ACCORD_NATS_SERVER:-}" "$local_bin" "$(command -v nats-server || true)"; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  v=$(version_of "$candidate")
  if [ -n "$v" ] && recent_enough "$v"; then
    printf 'setup: nats-server %s at %s\n' "$v" "$candidate"
    exit 0
  fi
done

# The machine's own Debian mirror, so this works where only that mirror is reachable.
mirror=""
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  mirror=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [ ! -f "$keyring" ]; then
  echo "setup: $keyring is missing; install the debian-archive-keyring package" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'deb [signed-by=%s] %s trixie main\n' "$keyring" "$mirror" > "$work/sources.list"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
o=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
   -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root)
printf 'setup: fetching nats-server from Debian trixie (%s)\n' "$mirror"
apt-get "${o[@]}" -qq update
(cd "$work" && apt-get "${o[@]}" -qq download nats-server)
rm -rf .tools/nats-server
mkdir -p .tools/nats-server
dpkg -x "$work"/nats-server_*.deb .tools/nats-server
v=$(version_of "$local_bin")
if [ -z "$v" ] || ! recent_enough "$v"; then
  echo "setup: fetched nats-server ${v:-?} is older than $minimum" >&2
  exit 1
fi
printf 'setup: nats-server %s at %s\n' "$v" "$local_bin"
