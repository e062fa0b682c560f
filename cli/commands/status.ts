import { formatBusStatus, readBusStatus, type BusStatus } from '../../libs/client/index.js';
import { errorMessage } from '../../libs/errors/index.js';
import { EXIT, usageError, type ExitCode } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { parseCount, parseOptions, requireOption } from '../parse-options.js';
import { writeTerminalControl } from '../output-guard.js';

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

  --watch          refresh until interrupted (Ctrl-C); a refresh that fails (the bus
                   unreachable for a moment) is reported on stderr and tried again
  --every SECONDS  refresh interval with --watch (default 2)
  --creds FILE     the operator's credentials (default: the stack's)
  --json           one JSON object per refresh

Exit status: 0 when every service has a ready instance, 1 otherwise (naming, on
stderr, the services without one).

Example:
  accord status --dir my-stack --watch`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      {
        dir: { type: 'string' },
        watch: { type: 'boolean' },
        every: { type: 'string' },
        creds: { type: 'string' },
        json: { type: 'boolean' },
      },
      { min: 0, max: 0, names: '' },
    );
    const dir = requireOption(values.dir, 'dir');
    if (values.every !== undefined && !values.watch) throw usageError('--every sets the refresh interval of --watch; add --watch');
    const every = parseCount(values.every, 'every') ?? 2;
    if (every < 1) throw usageError('--every: at least 1 second');
    const everyMs = every * 1000;
    // Clearing the screen makes sense on a terminal only, not in a file or a pipe.
    const clear = values.watch && process.stdout.isTTY ? '\x1b[2J\x1b[H' : '';
    const show = (status: BusStatus): void => {
      if (values.json) process.stdout.write(`${JSON.stringify(status)}\n`);
      else {
        if (clear) writeTerminalControl(clear);
        process.stdout.write(formatBusStatus(status));
      }
    };
    return withIdentity(
      dir,
      { kind: 'operator' },
      values.creds,
      async ({ nc, js, jsm }) => {
        const manager = await jsm();
        if (!values.watch) return exitFor(await readBusStatus(nc, js, manager), show);
        for (;;) {
          try {
            exitFor(await readBusStatus(nc, js, manager), show);
          } catch (error) {
            process.stderr.write(`accord status: ${errorMessage(error)}; trying again in ${every} s\n`);
          }
          await new Promise((r) => setTimeout(r, everyMs));
        }
      },
      { reconnect: Boolean(values.watch) },
    );
  },
};

/** Shows the status; 0 when every service has a ready instance, else 1 and the services without one on stderr. */
function exitFor(status: BusStatus, show: (status: BusStatus) => void): ExitCode {
  show(status);
  const notReady = status.services.filter((s) => !s.instances.some((i) => i.ready)).map((s) => s.service);
  if (notReady.length === 0) return EXIT.ok;
  process.stderr.write(`accord status: no ready instance of ${notReady.join(', ')}\n`);
  return EXIT.error;
}
