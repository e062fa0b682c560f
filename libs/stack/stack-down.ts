import { AccordError } from '../errors/index.js';
import { stopProcess } from './child-process.js';
import { stackLayout } from './stack-layout.js';
import { readStackState, writeStackState } from './stack-state.js';

/** Services first (they drain), then Redis, then nats-server; the data stays in DIR. */
const STOP_ORDER = ['ingest', 'routing', 'redaction', 'audit', 'redis', 'nats-server'];

export async function stackDown(dirArg: string, progress: (line: string) => void = () => undefined): Promise<void> {
  const layout = stackLayout(dirArg);
  const state = readStackState(layout);
  if (!state) throw new AccordError('E_NOT_FOUND', `no stack in ${layout.dir} (no ${layout.state})`);
  const names = [...STOP_ORDER, ...Object.keys(state.pids).filter((n) => !STOP_ORDER.includes(n))];
  for (const name of names) {
    const pid = state.pids[name];
    if (pid === undefined) continue;
    await stopProcess(pid);
    delete state.pids[name];
    writeStackState(layout, state);
    progress(`${name} stopped`);
  }
}
