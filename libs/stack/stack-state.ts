import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { BusSettings } from '../bus/index.js';
import type { ClusterPorts } from './nats-nodes.js';
import type { StackLayout } from './stack-layout.js';

/** The stack's own bookkeeping (not for clients): ports, processes, settings. */
export interface StackState {
  natsPort: number;
  /** A stack on a cluster of nats-servers: every node's ports (the first is `natsPort`). */
  cluster?: ClusterPorts;
  /** Redis's Unix socket and password: this file is the owner's only (0600). */
  redisUrl: string;
  syncInterval?: string;
  settings: BusSettings;
  /** Extra environment for the services (tuning; never secrets). */
  serviceEnv: Record<string, string>;
  pids: Record<string, number>;
  /** Each service instance's /healthz, /readyz and /metrics port on 127.0.0.1. */
  httpPorts?: Record<string, number>;
  /** Instances of each service (`stack up --instances`); 1 when absent. */
  instances?: number;
}

export function readStackState(layout: StackLayout): StackState | undefined {
  if (!existsSync(layout.state)) return undefined;
  return JSON.parse(readFileSync(layout.state, 'utf8')) as StackState;
}

export function writeStackState(layout: StackLayout, state: StackState): void {
  writeFileSync(`${layout.state}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${layout.state}.tmp`, layout.state);
}
