import { chainEvents, EMPTY_CHAIN, makeSignedCheckpoint, type TreeHead } from '../../libs/audit/index.js';
import { leafHash, MerkleTree } from '../../libs/merkle/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import type { SigningKey } from '../../libs/signing/index.js';

/**
 * What an operator holding the audit key could do: chain the given events anew, every
 * hash recomputed and every checkpoint recomputed and re-signed. Only a checkpoint held
 * by someone else (--trusted-checkpoint) can show it.
 */
export async function rewriteChain(
  events: readonly v1.AuditEvent.$Properties[],
  auditKey: SigningKey,
  /** Who signs the checkpoint at a chain index (the audit key unless said otherwise). */
  signerAt: (index: number) => SigningKey = () => auditKey,
): Promise<v1.ChainedRecord.$Properties[]> {
  let head = EMPTY_CHAIN;
  const leaves: Buffer[] = [];
  const tree = new MerkleTree(leaves);
  let previous: TreeHead | undefined;
  const out: v1.ChainedRecord.$Properties[] = [];
  for (const original of events) {
    let event = original;
    if (original.kind === v1.AuditKind.CHECKPOINT) {
      const { signed, head: th } = await makeSignedCheckpoint(tree, leaves.length, previous, signerAt(leaves.length));
      previous = th;
      event = { ...original, checkpoint: signed };
    }
    const chained = chainEvents(head, [event], timestampFromDate(new Date()));
    head = chained.head;
    for (const r of chained.records) {
      out.push(r);
      leaves.push(leafHash(r.body ?? new Uint8Array()));
    }
  }
  return out;
}
