import { NoticeProofs, type ProofLine } from '../audit/index.js';
import { verifyInclusion } from '../merkle/index.js';
import type { v1 } from '../proto/index.js';
import type { ProofState, TrailModel } from './audit-console-models.js';
import { recordRow } from './record-row.js';

/** Whether a proof line shows its leaf in its checkpoint's tree (RFC 9162 section 2.1.3.2). */
export function proofState(line: ProofLine): ProofState {
  if ('unsealed' in line) return 'unsealed';
  const bytes = (b64: string): Buffer => Buffer.from(b64, 'base64');
  return verifyInclusion(line.index, line.treeSize, bytes(line.leafHash), line.proof.map(bytes), bytes(line.rootHash))
    ? 'verified'
    : 'failed';
}

/**
 * A notice's trail: its records in chain order, from the RECEIVED record of its
 * submission to its read receipts, each with its inclusion proof in the latest checkpoint
 * (as `accord audit proof` computes them), checked here too.
 */
export class TrailCollector {
  private readonly proofs: NoticeProofs;

  constructor(readonly noticeId: string) {
    // From RECEIVED: the submission's receipt by the bus, linked by its ingest sequence.
    this.proofs = new NoticeProofs(noticeId, { received: true });
  }

  push(chained: v1.ChainedRecord.$Properties): void {
    this.proofs.push(chained);
  }

  /** The proofs as `accord audit proof` prints them, one object a line. */
  proofLines(): ProofLine[] {
    return this.proofs.lines();
  }

  model(): TrailModel {
    const lines = this.proofs.lines();
    return {
      noticeId: this.noticeId,
      rows: this.proofs.records.map((r, i) => {
        const line = lines[i];
        return { ...recordRow(r.record, r.index, r.hash), proof: line ? proofState(line) : 'unsealed' };
      }),
      checkpoint: this.proofs.checkpoint,
      height: this.proofs.count,
    };
  }
}
