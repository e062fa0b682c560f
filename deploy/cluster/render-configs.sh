#!/bin/sh
# Writes the nats-server configuration of each node of a cluster stack into OUT:
# node-1.conf, node-2.conf, node-3.conf. Usage: deploy/cluster/render-configs.sh DIR OUT
set -eu
if [ $# -ne 2 ]; then
  echo "usage: $0 DIR OUT   (DIR: a stack made with --cluster 3)" >&2
  exit 2
fi
dir=$(realpath -m "$1")
out=$(realpath -m "$2")
cd "$(dirname "$0")/../.."
[ -f dist/scripts/render-nats-config.js ] || make build
mkdir -p "$out"
for node in 1 2 3; do
  node dist/scripts/render-nats-config.js --dir "$dir" --node "$node" > "$out/node-$node.conf"
  echo "$out/node-$node.conf"
done
