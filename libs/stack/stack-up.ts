import { SERVICES, inboxPrefix, connectBus } from '../bus/index.js';
import type { StackFile } from '../client/index.js';
import { prepareStack, type PrepareStackOptions } from './prepare-stack.js';
import { instanceName, serviceEnvironment, startServiceProcess, waitForServiceReady } from './service-processes.js';
import { writeStackState } from './stack-state.js';

export interface StackUpOptions extends Omit<PrepareStackOptions, 'detached'> {
  readyTimeoutMs?: number;
  /** Instances of each service, sharing its consumers and queue groups (the audit writer: one writes, the others stand by). Kept on restart. */
  instances?: number;
}

/**
 * Starts a local stack whose whole state lives in DIR: nats-server with JetStream, Redis
 * with an append-only file, the streams, and the five services; returns once every
 * service reports ready. Starting it again after `stack down` keeps its data.
 */
export async function stackUp(dirArg: string, options: StackUpOptions = {}): Promise<StackFile> {
  const { layout, state, stack } = await prepareStack(dirArg, { ...options, detached: true });
  const progress = options.progress ?? (() => undefined);
  state.instances = options.instances ?? state.instances ?? 1;
  const started: Record<string, Record<string, number>> = {};
  for (const service of SERVICES) {
    started[service] = {};
    for (let i = 1; i <= state.instances; i += 1) {
      const name = instanceName(service, i);
      const pid = startServiceProcess(layout, name, service, serviceEnvironment(layout, state, stack, service));
      state.pids[name] = pid;
      started[service][name] = pid;
      writeStackState(layout, state);
    }
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
      const ports = await waitForServiceReady(nc, layout, service, started[service] ?? {}, options.readyTimeoutMs ?? 30_000);
      state.httpPorts = { ...state.httpPorts, ...ports };
      writeStackState(layout, state);
      progress(state.instances > 1 ? `${service} ready (${state.instances} instances)` : `${service} ready`);
    }
  } finally {
    await nc.close();
  }
  return stack;
}
