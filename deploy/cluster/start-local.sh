#!/bin/sh
# Starts a 3-node NATS JetStream cluster and two instances of each Accord service on this
# machine, with demo agencies. Usage: deploy/cluster/start-local.sh DIR
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 DIR   (the stack's folder; stop it with: npx accord stack down --dir DIR)" >&2
  exit 2
fi
dir=$(realpath -m "$1")
cd "$(dirname "$0")/../.."
[ -f dist/cli/main.js ] || make build
exec node dist/cli/main.js stack up --dir "$dir" --cluster 3 --instances 2 --demo-agencies
