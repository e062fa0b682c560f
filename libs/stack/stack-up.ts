import { SERVICES, inboxPrefix } from '../bus/index.js';
import { connectBus } from '../bus/index.js';
import type { StackFile } from '../client/index.js';
import { prepareStack, type PrepareStackOptions } from './prepare-stack.js';
import { serviceEnvironment, startServiceProcess, waitForServiceReady } from './service-processes.js';
import { writeStackState } from './stack-state.js';

export interface StackUpOptions extends Omit<PrepareStackOptions, 'detached'> {
  readyTimeoutMs?: number;
}

/**
 * Starts a local stack whose whole state lives in DIR: nats-server with JetStream, Redis
 * with an append-only file, the streams, and the four services; returns once every
 * service reports ready. Starting it again after `stack down` keeps its data.
 */
export async function stackUp(dirArg: string, options: StackUpOptions = {}): Promise<StackFile> {
  const { layout, state, stack } = await prepareStack(dirArg, { ...options, detached: true });
  const progress = options.progress ?? (() => undefined);
  for (const service of SERVICES) {
    state.pids[service] = startServiceProcess(layout, service, serviceEnvironment(layout, state, stack, service));
    writeStackState(layout, state);
  }
  const nc = await connectBus({
    url: stack.natsUrl,
    name: 'accord-operator',
    reconnect: false,
    caFile: stack.caFile ?? '',
    credsFile: stack.operatorCreds ?? '',
    inboxPrefix: inboxPrefix({ kind: 'operator' }),
  });
  try {
    for (const service of SERVICES) {
      await waitForServiceReady(nc, layout, service, state.pids[service] ?? 0, options.readyTimeoutMs ?? 30_000);
      progress(`${service} ready`);
    }
  } finally {
    await nc.close();
  }
  return stack;
}
