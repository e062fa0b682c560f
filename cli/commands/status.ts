import { formatBusStatus, readBusStatus } from '../../libs/client/index.js';
import { EXIT, UsageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { parseCount, parseOptions, requireOption } from '../parse-options.js';

export const statusCommand: Command = {
  name: 'status',
  summary: 'stream depths, consumer lag, quarantines, audit height, service readiness',
  help: `Usage: accord status --dir DIR [--watch] [--every SECONDS] [--creds FILE] [--json]

What an operator needs at a glance, read with the operator's credential:
  - each service and how many of its instances answer as ready (and why not)
  - each stream's depth (messages, bytes)
  - consumer lag: ingest's consumer and every agency's inbox and checkpoint feed
    (not yet delivered, delivered but not acknowledged, redelivered)
  - quarantined submissions of the last hour, by reason code
  - the audit chain's height and the age of its last signed checkpoint

  --watch          refresh until interrupted (Ctrl-C)
  --every SECONDS  refresh interval with --watch (default 2)
  --creds FILE     the operator's credentials (default: the stack's)
  --json           one JSON object per refresh

Exit status: 0 when every service has a ready instance, 1 otherwise.

Example:
  accord status --dir my-stack --watch`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      { dir: { type: 'string' }, watch: { type: 'boolean' }, every: { type: 'string' }, creds: { type: 'string' }, json: { type: 'boolean' } },
      { min: 0, max: 0, names: '' },
    );
    const dir = requireOption(values.dir, 'dir');
    const every = parseCount(values.every, 'every') ?? 2;
    if (every < 1) throw new UsageError('--every: at least 1 second');
    const everyMs = every * 1000;
    return withIdentity(
      dir,
      { kind: 'operator' },
      values.creds,
      async ({ nc, js, jsm }) => {
        const manager = await jsm();
        let allReady = false;
        for (;;) {
          const status = await readBusStatus(nc, js, manager);
          allReady = status.services.every((s) => s.instances.some((i) => i.ready));
          if (values.json) process.stdout.write(`${JSON.stringify(status)}\n`);
          else process.stdout.write(`${values.watch ? '\x1b[2J\x1b[H' : ''}${formatBusStatus(status)}`);
          if (!values.watch) break;
          await new Promise((r) => setTimeout(r, everyMs));
        }
        return allReady ? EXIT.ok : EXIT.error;
      },
      { reconnect: Boolean(values.watch) },
    );
  },
};
