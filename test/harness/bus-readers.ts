import { ChainVerifier, type ChainBreak } from '../../libs/audit/index.js';
import { awaitDecision, listQuarantine, readAuditRecords, readStream, registryKeys, verifySignedView } from '../../libs/client/index.js';
import { streams, subjects } from '../../libs/bus/index.js';
import { type v1, type AuditRecord } from '../../libs/proto/index.js';
import type { TestBus } from './test-bus.js';

export { awaitDecision, listQuarantine };

/** Every view delivered to an agency so far (read without consuming its inbox), verified. */
export async function deliveredViews(
  bus: TestBus,
  agency: string,
): Promise<{ raw: Uint8Array; view: v1.DeliveredView; elements: v1.ViewElement[] }[]> {
  const out: { raw: Uint8Array; view: v1.DeliveredView; elements: v1.ViewElement[] }[] = [];
  const originators = registryKeys(bus.jsm);
  const raws: Uint8Array[] = [];
  await readStream(bus.js, bus.jsm, streams.deliveries, { filterSubject: subjects.deliver(agency) }, (msg) => {
    raws.push(msg.data);
  });
  for (const raw of raws) out.push({ raw, ...(await verifySignedView(raw, bus.busVerification, agency, originators)) });
  return out;
}

/** The whole audit chain, verified, as decoded records. */
export async function auditChain(bus: TestBus): Promise<{ records: AuditRecord[]; broken: ChainBreak | undefined }> {
  const verifier = new ChainVerifier();
  const records: AuditRecord[] = [];
  await readAuditRecords(bus.js, bus.jsm, (chained) => {
    const record = verifier.push(chained);
    if (record) records.push(record);
  });
  return { records, broken: verifier.result };
}

/** Waits until the audit chain holds a record matching `predicate`. */
export async function waitForAuditRecord(bus: TestBus, predicate: (r: AuditRecord) => boolean, timeoutMs = 10_000): Promise<AuditRecord> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await auditChain(bus)).records.find(predicate);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no matching audit record in time');
}

/** Waits until the audit chain holds `count` records matching `predicate`; returns them. */
export async function waitForAuditCount(
  bus: TestBus,
  predicate: (r: AuditRecord) => boolean,
  count: number,
  timeoutMs = 15_000,
): Promise<AuditRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await auditChain(bus)).records.filter(predicate);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}
