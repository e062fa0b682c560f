/**
 * Prints the nats-server configuration of a stack folder (its TLS material and every
 * identity with its permissions), for a deployment that runs nats-server itself:
 *   node dist/scripts/render-nats-config.js --dir DIR [--port 4222] [--node N] > nats-server.conf
 * For a stack on a cluster, --node N (from 1) picks the node; its ports are the stack's.
 */
import { parseArgs } from 'node:util';
import { natsNodes, readStackState, renderStackNatsConfig, stackLayout } from '../libs/stack/index.js';

const { values } = parseArgs({ options: { dir: { type: 'string' }, port: { type: 'string' }, node: { type: 'string' } } });
if (!values.dir) {
  process.stderr.write('usage: render-nats-config --dir DIR [--port N] [--node N]\n');
  process.exitCode = 2;
} else {
  const layout = stackLayout(values.dir);
  const state = readStackState(layout);
  const nodes = natsNodes(layout, values.port ? Number(values.port) : (state?.natsPort ?? 4222), state?.cluster);
  const node = nodes[Number(values.node ?? 1) - 1];
  if (!node) {
    process.stderr.write(`render-nats-config: --node is 1 to ${nodes.length} for this stack\n`);
    process.exitCode = 2;
  } else {
    process.stdout.write(renderStackNatsConfig(layout, node, nodes, state?.syncInterval));
  }
}
