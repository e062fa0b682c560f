import { stackDown, stackUp } from '../../libs/stack/index.js';
import { EXIT, UsageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseCount, parseOptions, requireOption } from '../parse-options.js';
import { addDemoAgencies } from '../demo-agencies.js';

export const stackUpCommand: Command = {
  name: 'stack up',
  summary: 'start a local stack (nats-server, Redis, the four services) whose state lives in DIR',
  help: `Usage: accord stack up --dir DIR [--foreground] [--demo-agencies] [--sync-interval always|DURATION]
                        [--cluster 3|5] [--instances N]

Starts nats-server (JetStream), Redis (append-only file) and the ingest, routing,
redaction and audit services, creates the streams, and returns once every service
reports ready. DIR holds everything: data, keys, stack.json, logs/ of each process.
Starting again after \`stack down\` keeps the data (and the cluster and instance counts).

  --dir DIR            the stack's folder (created if missing)
  --foreground         stay attached; Ctrl-C stops the stack
  --demo-agencies      register a few demo agencies (only when DIR has none)
  --sync-interval V    JetStream fsync interval: "always" (fsync every write, the
                       strictest durability, slower) or a duration such as 10s or 2m
                       (nats-server's default is 2m); see docs/durability.md
  --cluster N          run N nats-server nodes (3 or 5) on this machine, routes over
                       mutual TLS, every stream and bucket at 3 replicas: losing one
                       node loses nothing (only for a new stack)
  --instances N        run N instances of each service (1 to 8), sharing their work;
                       one audit instance writes the chain, the others stand by

Examples: accord stack up --dir ./my-stack
          accord stack up --dir ./cluster-stack --cluster 3 --instances 2`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      {
        dir: { type: 'string' },
        foreground: { type: 'boolean' },
        'demo-agencies': { type: 'boolean' },
        'sync-interval': { type: 'string' },
        cluster: { type: 'string' },
        instances: { type: 'string' },
      },
      { min: 0, max: 0, names: '' },
    );
    const dir = requireOption(values.dir, 'dir');
    const progress = (line: string): void => void process.stderr.write(`  ${line}\n`);
    const syncInterval = values['sync-interval'];
    if (syncInterval !== undefined && !/^(always|\d+(ms|s|m|h))$/.test(syncInterval)) {
      throw new UsageError(`--sync-interval ${syncInterval}: expected "always" or a duration such as 10s or 2m`);
    }
    const clusterNodes = parseCount(values.cluster, 'cluster');
    if (clusterNodes !== undefined && clusterNodes !== 3 && clusterNodes !== 5)
      throw new UsageError(`--cluster ${clusterNodes}: a cluster has 3 or 5 nodes`);
    const instances = parseCount(values.instances, 'instances');
    if (instances !== undefined && (instances < 1 || instances > 8)) throw new UsageError(`--instances ${instances}: expected 1 to 8`);
    const stack = await stackUp(dir, {
      progress,
      ...(syncInterval ? { syncInterval } : {}),
      ...(clusterNodes ? { clusterNodes } : {}),
      ...(instances ? { instances } : {}),
    });
    if (values['demo-agencies'] && Object.keys(stack.agencies).length === 0) await addDemoAgencies(dir, progress);
    process.stdout.write(`stack up in ${dir}: NATS at ${stack.natsUrl}; clients read ${dir}/stack.json\n`);
    if (!values.foreground) return EXIT.ok;
    process.stdout.write('running in the foreground; press Ctrl-C to stop\n');
    // Signal handlers alone do not keep Node's event loop alive; the interval does.
    const keepAlive = setInterval(() => undefined, 60_000);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    clearInterval(keepAlive);
    process.stderr.write('stopping the stack\n');
    await stackDown(dir, progress);
    return EXIT.ok;
  },
};

export const stackDownCommand: Command = {
  name: 'stack down',
  summary: 'stop the stack in DIR (its data stays)',
  help: `Usage: accord stack down --dir DIR

Stops the services (each instance drains first), then Redis, then the nats-server(s). The data stays
in DIR; \`accord stack up --dir DIR\` starts the same stack again.`,
  async run(argv) {
    const { values } = parseOptions(argv, { dir: { type: 'string' } }, { min: 0, max: 0, names: '' });
    const dir = requireOption(values.dir, 'dir');
    await stackDown(dir, (line) => void process.stderr.write(`  ${line}\n`));
    process.stdout.write(`stack in ${dir} stopped\n`);
    return EXIT.ok;
  },
};
