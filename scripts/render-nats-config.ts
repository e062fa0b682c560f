/**
 * Prints the nats-server configuration of a stack folder (its TLS material and every
 * identity with its permissions), for a deployment that runs nats-server itself:
 *   node dist/scripts/render-nats-config.js --dir DIR [--port 4222] > nats-server.conf
 */
import { parseArgs } from 'node:util';
import { readStackState, renderStackNatsConfig, stackLayout } from '../libs/stack/index.js';

const { values } = parseArgs({ options: { dir: { type: 'string' }, port: { type: 'string' } } });
if (!values.dir) {
  process.stderr.write('usage: render-nats-config --dir DIR [--port N]\n');
  process.exitCode = 2;
} else {
  const layout = stackLayout(values.dir);
  const state = readStackState(layout);
  const port = values.port ? Number(values.port) : (state?.natsPort ?? 4222);
  process.stdout.write(renderStackNatsConfig(layout, port, state?.syncInterval));
}
