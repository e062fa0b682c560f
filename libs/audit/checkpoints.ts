import type { CryptoKey } from 'jose';
import { AccordError } from '../errors/index.js';
import { type MerkleTree } from '../merkle/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';
import { CHECKPOINT_TYP, inspectDetached, signDetached, verifyDetached, type SigningKey } from '../signing/index.js';

export interface TreeHead {
  size: number;
  root: Uint8Array;
}

/**
 * A checkpoint over the first `size` leaves, linked to the previous one by an RFC 9162
 * consistency proof, signed by the audit key.
 */
export async function makeSignedCheckpoint(
  tree: MerkleTree,
  size: number,
  previous: TreeHead | undefined,
  key: SigningKey,
  at = new Date(),
): Promise<{ signed: Uint8Array; head: TreeHead }> {
  const root = tree.root(size);
  const checkpoint = v1.Checkpoint.encode({
    treeSize: size,
    rootHash: root,
    time: timestampFromDate(at),
    previousSize: previous?.size ?? 0,
    previousRoot: previous?.root ?? new Uint8Array(),
    consistency: previous && previous.size > 0 ? tree.consistencyProof(previous.size, size) : [],
  }).finish();
  const signed = v1.SignedCheckpoint.encode({ checkpoint, jws: await signDetached(checkpoint, key, CHECKPOINT_TYP) }).finish();
  return { signed, head: { size, root } };
}

export function openSignedCheckpoint(bytes: Uint8Array): { signed: v1.SignedCheckpoint; checkpoint: v1.Checkpoint } {
  try {
    const signed = v1.SignedCheckpoint.decode(bytes);
    return { signed, checkpoint: v1.Checkpoint.decode(signed.checkpoint) };
  } catch (error) {
    throw new AccordError('E_CHAIN_INVALID', 'not a SignedCheckpoint', { cause: error });
  }
}

/** True when the audit key signed exactly these checkpoint bytes. */
export async function checkpointSignatureValid(signed: v1.SignedCheckpoint, auditKey: CryptoKey): Promise<boolean> {
  try {
    await verifyDetached(inspectDetached(signed.jws, CHECKPOINT_TYP), signed.checkpoint, auditKey);
    return true;
  } catch {
    return false;
  }
}
