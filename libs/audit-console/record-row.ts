import { auditKindName } from '../audit/index.js';
import { dateFromTimestamp, type AuditRecord } from '../proto/index.js';
import type { RecordRow } from './audit-console-models.js';

/** Hex digits of a hash shown in tables: enough to tell records apart and to find one. */
export const HASH_PREFIX_DIGITS = 16;

export function hexPrefix(bytes: Uint8Array | null | undefined, digits = HASH_PREFIX_DIGITS): string {
  return Buffer.from(bytes ?? [])
    .toString('hex')
    .slice(0, digits);
}

/** A record as a row: the event's time (else when it was appended), its kind by name, and its hash's prefix. */
export function recordRow(record: AuditRecord, index: number, hash: Uint8Array | null | undefined): RecordRow {
  const e = record.event ?? {};
  const time = dateFromTimestamp(e.time ?? record.appendedAt);
  return {
    index,
    time: Number.isNaN(time.getTime()) ? '' : time.toISOString(),
    kind: auditKindName(e.kind),
    agency: e.agency ?? '',
    recipient: e.recipient ?? '',
    noticeId: e.noticeId ?? '',
    code: e.code ?? '',
    hashPrefix: hexPrefix(hash),
  };
}
