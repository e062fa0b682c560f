import { AccordError } from '../errors/index.js';
import { stopProcess } from './child-process.js';
import { SERVICES } from '../bus/index.js';
import { isNatsProcess } from './nats-nodes.js';
import { stackLayout } from './stack-layout.js';
import { readStackState, writeStackState } from './stack-state.js';

/** Services first (every instance; ingest first, so nothing new enters), then Redis, then the nats-servers; the data stays in DIR. */
function stopRank(name: string): number {
  if (isNatsProcess(name)) return 6;
  if (name === 'redis') return 5;
  const service = (SERVICES as readonly string[]).indexOf(name.replace(/-\d+$/, ''));
  return service === -1 ? 4 : service;
}

export function stopOrder(names: readonly string[]): string[] {
  return [...names].sort((a, b) => stopRank(a) - stopRank(b));
}

export async function stackDown(dirArg: string, progress: (line: string) => void = () => undefined): Promise<void> {
  const layout = stackLayout(dirArg);
  const state = readStackState(layout);
  if (!state) throw new AccordError('E_NOT_FOUND', `no stack in ${layout.dir} (no ${layout.state})`);
  const names = stopOrder(Object.keys(state.pids));
  for (const name of names) {
    const pid = state.pids[name];
    if (pid === undefined) continue;
    await stopProcess(pid);
    delete state.pids[name];
    writeStackState(layout, state);
    progress(`${name} stopped`);
  }
}
