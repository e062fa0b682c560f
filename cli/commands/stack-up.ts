import { stackDown, stackUp } from '../../libs/stack/index.js';
import { EXIT } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../parse-options.js';
import { addDemoAgencies } from '../demo-agencies.js';

export const stackUpCommand: Command = {
  name: 'stack up',
  summary: 'start a local stack (nats-server, Redis, the four services) whose state lives in DIR',
  help: `Usage: accord stack up --dir DIR [--foreground] [--demo-agencies] [--sync-interval always|DURATION]

Starts nats-server (JetStream), Redis (append-only file) and the ingest, routing,
redaction and audit services, creates the streams, and returns once every service
reports ready. DIR holds everything: data, keys, stack.json, logs/ of each process.
Starting again after \`stack down\` keeps the data.

  --dir DIR            the stack's folder (created if missing)
  --foreground         stay attached; Ctrl-C stops the stack
  --demo-agencies      register a few demo agencies (only when DIR has none)
  --sync-interval V    JetStream fsync interval, "always" for the strictest durability

Example: accord stack up --dir ./my-stack`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      {
        dir: { type: 'string' },
        foreground: { type: 'boolean' },
        'demo-agencies': { type: 'boolean' },
        'sync-interval': { type: 'string' },
      },
      { min: 0, max: 0, names: '' },
    );
    const dir = requireOption(values.dir, 'dir');
    const progress = (line: string): void => void process.stderr.write(`  ${line}\n`);
    const stack = await stackUp(dir, { progress, ...(values['sync-interval'] ? { syncInterval: values['sync-interval'] } : {}) });
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

Stops the services (each drains first), then Redis, then nats-server. The data stays
in DIR; \`accord stack up --dir DIR\` starts the same stack again.`,
  async run(argv) {
    const { values } = parseOptions(argv, { dir: { type: 'string' } }, { min: 0, max: 0, names: '' });
    const dir = requireOption(values.dir, 'dir');
    await stackDown(dir, (line) => void process.stderr.write(`  ${line}\n`));
    process.stdout.write(`stack in ${dir} stopped\n`);
    return EXIT.ok;
  },
};
