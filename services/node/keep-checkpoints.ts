import type { JsMsg } from '@nats-io/jetstream';
import type { CryptoKey } from 'jose';
import { consumeDurable, consumers, streams } from '../../libs/bus/index.js';
import { verifiedCheckpoint } from '../../libs/client/index.js';
import type { Logger } from '../../libs/log/index.js';
import type { NodeCheckpointStore } from '../../libs/node/index.js';
import type { NodeBus } from './node-bus.js';

export interface CheckpointKeepDeps {
  agency: string;
  bus: NodeBus;
  checkpoints: NodeCheckpointStore;
  auditKey: CryptoKey;
  log: Logger;
}

async function keepCheckpoint(msg: JsMsg, deps: CheckpointKeepDeps): Promise<void> {
  const checkpoint = await verifiedCheckpoint(msg.data, deps.auditKey);
  if (checkpoint) deps.checkpoints.save(Number(checkpoint.treeSize), msg.data, new Date().toISOString());
  // Not the audit key's: worth reporting, worthless to keep.
  else deps.log.warn('an audit checkpoint not signed by the audit key was not kept: tell your auditor', { seq: msg.seq });
  await msg.ackAck();
}

/** Keeps the audit checkpoints through the node's own consumer of them until the signal aborts. */
export function keepCheckpoints(deps: CheckpointKeepDeps, signal: AbortSignal): Promise<void> {
  return consumeDurable(
    () => deps.bus.js.consumers.get(streams.checkpoints, consumers.nodeCheckpoints(deps.agency)),
    { maxMessages: 10, signal, onRestart: (reason) => deps.log.warn('pulling audit checkpoints again', { reason }) },
    (msg) => keepCheckpoint(msg, deps),
  );
}
