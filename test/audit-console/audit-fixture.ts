/**
 * A small audit chain for the auditor console's tests, built as the audit service builds
 * one (hash-chained, a signed checkpoint sealing the records before it): a notice's trail
 * from RECEIVED to DELIVERED over two days, three quarantines, a checkpoint, then the
 * notice's RECEIPT, not yet sealed.
 */
import type { CryptoKey } from 'jose';
import type { ChainSource } from '../../libs/audit-console/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import { generateSigningKeyPair, signingKeyFromJwk, verificationKeyFromJwk, type PublicJwk } from '../../libs/signing/index.js';
import { rewriteChain } from '../harness/rewrite-chain.js';

export const NOTICE = '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b';
/** Chain index of the checkpoint: it seals records 0 to 9. */
export const CHECKPOINT_INDEX = 10;

const at = (day: number, hour: number) => timestampFromDate(new Date(Date.UTC(2026, 10, day, hour)));
const K = v1.AuditKind;

export const EVENTS: v1.AuditEvent.$Properties[] = [
  { eventId: 'service/audit/1/start', kind: K.SERVICE, time: at(28, 9), service: 'audit', action: 'start' },
  { eventId: 'key/it-police/k1/added', kind: K.KEY, time: at(28, 9), agency: 'it-police', kid: 'k1', action: 'key-added' },
  // As ingest records them: the receipt before the notice is read, linked to it by the ingest sequence.
  { eventId: 'received/it-police/1', kind: K.RECEIVED, time: at(29, 8), agency: 'it-police', ingestSeq: 1 },
  { eventId: `accepted/${NOTICE}`, kind: K.ACCEPTED, time: at(29, 8), agency: 'it-police', noticeId: NOTICE, ingestSeq: 1 },
  { eventId: `routed/${NOTICE}`, kind: K.ROUTED, time: at(29, 8), agency: 'it-police', noticeId: NOTICE, recipients: ['ly-coastguard'] },
  { eventId: `view/${NOTICE}/ly-coastguard`, kind: K.VIEW, time: at(29, 8), noticeId: NOTICE, recipient: 'ly-coastguard' },
  { eventId: `delivered/${NOTICE}/ly-coastguard`, kind: K.DELIVERED, time: at(29, 8), noticeId: NOTICE, recipient: 'ly-coastguard' },
  { eventId: 'quarantined/it-police/2', kind: K.QUARANTINED, time: at(29, 9), agency: 'it-police', code: 'E_SIGNATURE_INVALID' },
  { eventId: 'quarantined/mt-fiu/3', kind: K.QUARANTINED, time: at(29, 10), agency: 'mt-fiu', code: 'E_SCHEMA' },
  { eventId: 'quarantined/it-police/4', kind: K.QUARANTINED, time: at(29, 11), agency: 'it-police', code: 'E_SIGNATURE_INVALID' },
  { eventId: 'checkpoint/10', kind: K.CHECKPOINT, time: at(29, 12), service: 'audit' },
  { eventId: `receipt/ly-coastguard/${NOTICE}/x`, kind: K.RECEIPT, time: at(30, 7), agency: 'ly-coastguard', noticeId: NOTICE },
];

export interface AuditFixture {
  records: v1.ChainedRecord.$Properties[];
  auditKey: CryptoKey;
  auditPublicKey: PublicJwk;
  /** Another key: the checkpoint is not its. */
  otherKey: CryptoKey;
}

export async function auditFixture(): Promise<AuditFixture> {
  const audit = await generateSigningKeyPair();
  const other = await generateSigningKeyPair();
  const records = await rewriteChain(EVENTS, await signingKeyFromJwk(audit.privateJwk, 'audit'));
  return {
    records,
    auditKey: await verificationKeyFromJwk(audit.publicJwk),
    auditPublicKey: audit.publicJwk,
    otherKey: await verificationKeyFromJwk(other.publicJwk),
  };
}

/** A source over a list of records, reporting progress after each. */
export function listSource(records: readonly v1.ChainedRecord.$Properties[]): ChainSource {
  return async (onRecord, onProgress) => {
    records.forEach((r, i) => {
      onRecord(r);
      onProgress?.((i + 1) / records.length);
    });
  };
}

/** Feeds every record to a collector. */
export function collect<T extends { push(chained: v1.ChainedRecord.$Properties): void }>(
  collector: T,
  records: readonly v1.ChainedRecord.$Properties[],
): T {
  for (const r of records) collector.push(r);
  return collector;
}
