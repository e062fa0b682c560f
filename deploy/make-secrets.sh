#!/bin/sh
# Makes a deployment's own keys and secrets, once, into OUT: what the services need beside
# their NATS credentials (`accord service creds`), and the public halves
# `accord deployment init` takes. Usage: deploy/make-secrets.sh OUT
#
#   OUT/bus-signing.jwk, .jwk.pub    the bus's Ed25519 key, which signs every view (redaction)
#                                    and every statistical release (statistics)
#   OUT/audit-signing.jwk, .jwk.pub  the audit key, which signs checkpoints (audit)
#   OUT/bus-secret                   32 random bytes: keyed digests, element ids (ingest, redaction)
#   OUT/pseudonym-key                32 random bytes: per-recipient pseudonyms (redaction)
#   OUT/redis-password               URL-safe: Redis's password and ingest's ACCORD_REDIS_URL
#   OUT/ca.pem, OUT/ca-key.pem       a CA of the deployment's own, for the nats-servers' certificates
#
# The NATS trust chain is not made here: `accord deployment keys --out KEYDIR`. Nothing
# that exists is overwritten: keys are made once (docs/operations.md, "Making the material").
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 OUT   (a new folder, or one without these files)" >&2
  exit 2
fi
out=$(realpath -m "$1")
for f in bus-signing.jwk bus-signing.jwk.pub audit-signing.jwk audit-signing.jwk.pub bus-secret pseudonym-key redis-password ca.pem ca-key.pem; do
  if [ -e "$out/$f" ]; then
    echo "$0: $out/$f exists; keys are made once, so nothing was changed" >&2
    exit 1
  fi
done
cd "$(dirname "$0")/.."
[ -f dist/cli/main.js ] || make build
umask 077
mkdir -p "$out"
node dist/cli/main.js keys generate --out "$out/bus-signing.jwk" > /dev/null
node dist/cli/main.js keys generate --out "$out/audit-signing.jwk" > /dev/null
head -c 32 /dev/urandom > "$out/bus-secret"
head -c 32 /dev/urandom > "$out/pseudonym-key"
openssl rand -hex 24 | tr -d '\n' > "$out/redis-password"
# As `accord stack up` makes its own (libs/stack/tls-material.ts): ECDSA P-256, 10 years.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout "$out/ca-key.pem" -out "$out/ca.pem" -days 3650 -subj "/CN=Accord deployment CA" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2> /dev/null
chmod 0644 "$out/bus-signing.jwk.pub" "$out/audit-signing.jwk.pub" "$out/ca.pem"
for f in bus-signing.jwk bus-signing.jwk.pub audit-signing.jwk audit-signing.jwk.pub bus-secret pseudonym-key redis-password ca.pem ca-key.pem; do
  echo "$out/$f"
done
