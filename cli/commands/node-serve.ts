import { DEFAULT_LISTEN, parseListen } from '../../libs/node/index.js';
import { startNode } from '../../services/node/node-service.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const nodeServeCommand: Command = {
  name: 'node serve',
  summary: "run the agency node: its HTTP API, officer sign-in, and its agency's views",
  help: `Usage: accord node serve --dir NODE_DIR [--listen ADDR] [--tls-cert FILE --tls-key FILE]

Runs the agency node set up by \`accord node init\`: it pulls the agency's deliveries
through its own consumer (each verified, committed to NODE_DIR/node.db, then
acknowledged), publishes notices signed with the agency's key, and serves the HTTP API
under /api/v1 (described at /api/v1/openapi.json) with /healthz, /readyz and /metrics.
Prints the URL it listens on; Ctrl-C stops it.

  --listen ADDR      HOST:PORT to listen on (default ${DEFAULT_LISTEN}; port 0: any free port)
  --tls-cert FILE    PEM certificate (chain) for HTTPS
  --tls-key FILE     its PEM private key
Plain HTTP is allowed on a loopback address only; any other address needs --tls-cert
and --tls-key.

Example: accord node serve --dir ./it-police-node --listen 0.0.0.0:8443 --tls-cert node.crt --tls-key node.key`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      { dir: { type: 'string' }, listen: { type: 'string' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' } },
      { min: 0, max: 0, names: '' },
    );
    const dir = requireOption(values.dir, 'dir');
    const certFile = values['tls-cert'];
    const keyFile = values['tls-key'];
    if ((certFile === undefined) !== (keyFile === undefined)) throw usageError('--tls-cert and --tls-key go together');
    const node = await startNode({
      dir,
      listen: parseListen(values.listen ?? DEFAULT_LISTEN),
      ...(certFile !== undefined && keyFile !== undefined ? { tls: { certFile, keyFile } } : {}),
    });
    process.stdout.write(`accord node listening on ${node.url}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await node.stop();
    return EXIT.ok;
  },
};
