import type { CryptoKey } from 'jose';
import { checkpointSignatureValid, openSignedCheckpoint } from '../audit/index.js';
import { formatTimestamp, v1 } from '../proto/index.js';
import type { OverviewModel } from './audit-console-models.js';
import { hexPrefix } from './record-row.js';

/** The chain's height and its last checkpoint, read as the chain goes by (memory: the last checkpoint only). */
export class OverviewCollector {
  private height = 0;
  private last: { index: number; bytes: Uint8Array } | undefined;

  push(chained: v1.ChainedRecord.$Properties): void {
    const index = this.height;
    this.height += 1;
    let record: v1.AuditRecord;
    try {
      record = v1.AuditRecord.decode(chained.body ?? new Uint8Array());
    } catch {
      return;
    }
    if (record.event?.kind === v1.AuditKind.CHECKPOINT) this.last = { index, bytes: record.event.checkpoint ?? new Uint8Array() };
  }

  /** The checkpoint's signature is checked here, with the audit key; a checkpoint that cannot be opened shows as not signed. */
  async model(auditKey: CryptoKey, auditKeyId: string, readAt = new Date()): Promise<OverviewModel> {
    const base = { height: this.height, auditKeyId, readAt: readAt.toISOString() };
    if (!this.last) return { ...base, checkpoint: undefined };
    let opened;
    try {
      opened = openSignedCheckpoint(this.last.bytes);
    } catch {
      return { ...base, checkpoint: { index: this.last.index, treeSize: 0, time: '', rootPrefix: '', signatureValid: false } };
    }
    return {
      ...base,
      checkpoint: {
        index: this.last.index,
        treeSize: Number(opened.checkpoint.treeSize),
        time: formatTimestamp(opened.checkpoint.time),
        rootPrefix: hexPrefix(opened.checkpoint.rootHash),
        signatureValid: await checkpointSignatureValid(opened.signed, auditKey),
      },
    };
  }
}
