import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { CryptoKey } from 'jose';
import { checkpointSignatureValid, openSignedCheckpoint } from '../audit/index.js';
import { consumers, streams } from '../bus/index.js';
import { formatTimestamp, type v1 } from '../proto/index.js';
import { takePending } from './take-pending.js';

/**
 * Takes the audit checkpoints delivered to the agency and keeps each, verified, in
 * `<store>/checkpoints/<tree size>.json`: an operator who rewrote history would have to
 * show a tree inconsistent with one the agency holds (`audit replay --trusted-checkpoint`).
 */
export async function keepCheckpoints(
  js: JetStreamClient,
  agency: string,
  storeDir: string,
  auditKey: CryptoKey,
): Promise<{ kept: number; refused: number }> {
  const consumer = await js.consumers.get(streams.checkpoints, consumers.checkpoints(agency));
  const dir = join(storeDir, 'checkpoints');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const counts = { kept: 0, refused: 0 };
  await takePending(consumer, async (msg) => {
    const opened = await verifiedCheckpoint(msg.data, auditKey);
    if (opened) {
      const record = {
        treeSize: Number(opened.treeSize),
        rootHash: Buffer.from(opened.rootHash).toString('base64'),
        time: formatTimestamp(opened.time),
        signedCheckpoint: Buffer.from(msg.data).toString('base64'),
      };
      writeFileSync(join(dir, `${String(record.treeSize).padStart(12, '0')}.json`), `${JSON.stringify(record)}\n`, { mode: 0o600 });
      counts.kept += 1;
    } else {
      // Not the audit key's: worth reporting, worthless to keep.
      counts.refused += 1;
    }
    await msg.ackAck();
  });
  return counts;
}

/** The checkpoint, when the bytes are a checkpoint signed with the audit key. */
export async function verifiedCheckpoint(bytes: Uint8Array, auditKey: CryptoKey): Promise<v1.Checkpoint | undefined> {
  try {
    const { signed, checkpoint } = openSignedCheckpoint(bytes);
    return (await checkpointSignatureValid(signed, auditKey)) ? checkpoint : undefined;
  } catch {
    return undefined;
  }
}
