import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { expect } from 'vitest';
import { ChainVerifier, type ChainReport } from '../../libs/audit/index.js';
import { consumers, openStatisticsBucket, streams } from '../../libs/bus/index.js';
import { InboxStore, listQuarantine, pullInbox, readAuditRecords, readStream, registryKeys } from '../../libs/client/index.js';
import { v1, type AuditRecord } from '../../libs/proto/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import type { TestBus } from '../harness/test-bus.js';
import { decisionCount } from '../harness/pipeline-counts.js';
import type { FaultStack } from './fault-stack.js';

const count = <K>(items: Iterable<K>): Map<K, number> => {
  const out = new Map<K, number>();
  for (const k of items) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
};

/**
 * Waits for `done`; an error counts as not yet (a broker just restarted may not answer at
 * once). On timeout it says what it saw last, the last error and `state()`, so a failure
 * names its cause.
 */
async function until(what: string, timeoutMs: number, done: () => Promise<boolean>, state: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  let errors = 0;
  for (;;) {
    try {
      if (await done()) return;
    } catch (error) {
      errors += 1;
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      const seen = [state(), errors > 0 ? `${errors} attempts failed, the last with: ${lastError}` : ''].filter(Boolean).join('; ');
      throw new Error(`${what}: not reached within ${timeoutMs / 1000} s${seen ? ` (${seen})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Every view in the deliveries stream as (notice, recipient). */
async function deliveredPairs(bus: TestBus): Promise<string[]> {
  const pairs: string[] = [];
  await readStream(bus.js, bus.jsm, streams.deliveries, { idleMs: 30_000 }, (msg) => {
    const view = v1.DeliveredView.decode(v1.SignedView.decode(msg.data).view);
    pairs.push(`${view.core?.noticeId}/${view.recipient}`);
  });
  return pairs;
}

async function verifiedChain(bus: TestBus): Promise<{ records: AuditRecord[]; report: ChainReport }> {
  const verifier = new ChainVerifier();
  const records: AuditRecord[] = [];
  await readAuditRecords(bus.js, bus.jsm, (chained) => {
    const r = verifier.push(chained);
    if (r) records.push(r);
  });
  const auditKey = await verificationKeyFromJwk(await parsePublicJwk(JSON.parse(readFileSync(bus.layout.auditPublicKey, 'utf8')), 'audit'));
  return { records, report: await verifier.finish(auditKey) };
}

/** What each agency's liaison takes from its own consumer into a local store: views by notice. */
export async function readInbox(bus: TestBus, agency: string): Promise<Map<string, number>> {
  const nc = await bus.connectAs({ kind: 'liaison', agency });
  try {
    const store = new InboxStore(mkdtempSync(join(tmpdir(), `accord-inbox-${agency}-`)));
    const keys = { bus: bus.busVerification, originators: registryKeys(await jetstreamManager(nc, { checkAPI: false })) };
    const result = await pullInbox(jetstream(nc), agency, keys, store);
    expect(result.rejected, `views ${agency} could not verify`).toEqual([]);
    return count(store.list().map((v) => v.noticeId));
  } finally {
    await nc.close();
  }
}

/** The notices the statistics service counts, by id: each thread's first version, while counted. */
async function countedByStatistics(bus: TestBus): Promise<Map<string, number>> {
  const kv = await openStatisticsBucket(bus.nc);
  const roots: string[] = [];
  for await (const key of await kv.keys('thread.>')) {
    const entry = await kv.get(key);
    const thread = entry ? (JSON.parse(new TextDecoder().decode(entry.value)) as { root: string; notice?: unknown }) : undefined;
    if (thread?.notice) roots.push(thread.root);
  }
  return count(roots);
}

/** Every record routing sent the statistics service is applied (none waiting, none in hand). */
async function statisticsSettled(bus: TestBus): Promise<boolean> {
  const info = await bus.jsm.consumers.info(streams.statisticsInput, consumers.statistics);
  return info.num_pending === 0 && info.num_ack_pending === 0;
}

/**
 * Waits for the pipeline to settle, then checks the promise: each accepted notice
 * delivered exactly once to each of its recipients (in the stream and in each inbox),
 * each bad submission quarantined exactly once, every submission decided once, and the
 * audit chain verifying with each notice's records exactly once, and each counted by the
 * statistics exactly once. Prints what it counted.
 */
export async function expectExactlyOnce(
  label: string,
  stack: FaultStack,
  options: { inboxes?: Map<string, Map<string, number>> } = {},
): Promise<void> {
  const { bus, sent, recipients } = stack;
  const expectedPairs = sent.good.length * recipients.length;
  await until(`${label}: ${sent.submissions} decisions`, 300_000, async () => (await decisionCount(bus)) >= sent.submissions);
  await until(
    `${label}: ${expectedPairs} deliveries`,
    120_000,
    async () => (await bus.jsm.streams.info(streams.deliveries)).state.messages >= expectedPairs,
  );
  let chain = await verifiedChain(bus);
  const delivered = (): number => chain.records.filter((r) => r.event?.kind === v1.AuditKind.DELIVERED).length;
  await until(
    `${label}: the audit chain holds every delivery`,
    120_000,
    async () => {
      chain = await verifiedChain(bus);
      return delivered() >= expectedPairs;
    },
    () =>
      `last read: ${chain.records.length} records, ${delivered()} of ${expectedPairs} DELIVERED, ` +
      `${chain.report.checkpoints} checkpoints, chain ${chain.report.broken ? `broken: ${JSON.stringify(chain.report.broken)}` : 'intact'}`,
  );
  await until(`${label}: the statistics service applied every record`, 120_000, () => statisticsSettled(bus));
  // Settled: anything extra would have arrived by now.
  await new Promise((r) => setTimeout(r, 2000));
  chain = await verifiedChain(bus);
  const counted = await countedByStatistics(bus);
  const notCounted = sent.good.filter((id) => counted.get(id) !== 1);
  const countedUnsent = [...counted.keys()].filter((id) => !sent.good.includes(id));

  const pairs = count(await deliveredPairs(bus));
  const expected = new Set(sent.good.flatMap((id) => recipients.map((r) => `${id}/${r}`)));
  const missing = [...expected].filter((p) => !pairs.has(p));
  const doubled = [...pairs].filter(([, n]) => n > 1).map(([p]) => p);
  const unexpected = [...pairs.keys()].filter((p) => !expected.has(p));

  const records = await listQuarantine(bus.js, bus.jsm, {});
  const quarantinedSeqs = count(records.map((q) => Number(q.ingestSeq)));
  const badOnce = sent.bad.filter((seq) => quarantinedSeqs.get(seq) === 1).length;
  const quarantinedIds = new Set(records.map((q) => q.noticeId));
  const goodQuarantined = sent.good.filter((id) => quarantinedIds.has(id));

  const ids = chain.records.map((r) => r.event?.eventId ?? '');
  const repeatedIds = ids.length - new Set(ids).size;
  const kinds = (kind: v1.AuditKind): number => chain.records.filter((r) => r.event?.kind === kind).length;

  const inboxProblems: string[] = [];
  for (const [agency, inbox] of options.inboxes ?? new Map()) {
    const wrong = sent.good.filter((id) => inbox.get(id) !== 1);
    if (wrong.length > 0 || inbox.size !== sent.good.length)
      inboxProblems.push(`${agency}: ${wrong.length} notices not exactly once, ${inbox.size} held`);
  }

  console.info(
    `${label}: ${sent.submissions} submissions (${sent.good.length} good, ${sent.bad.length} bad); ` +
      `${pairs.size} (notice, recipient) pairs delivered of ${expected.size} expected, ${missing.length} missing, ${doubled.length} doubled, ${unexpected.length} unexpected; ` +
      `${badOnce} of ${sent.bad.length} bad quarantined exactly once; ` +
      `audit: ${chain.records.length} records, ${chain.report.checkpoints} checkpoints, ${repeatedIds} repeated event ids, ` +
      `${kinds(v1.AuditKind.RECEIVED)} RECEIVED, ${kinds(v1.AuditKind.DELIVERED)} DELIVERED, ${kinds(v1.AuditKind.QUARANTINED)} QUARANTINED` +
      (options.inboxes ? `; ${options.inboxes.size} inboxes read, ${inboxProblems.length} with a problem` : '') +
      `; statistics: ${counted.size} notices counted, ${notCounted.length} of the good not exactly once`,
  );
  expect(missing, 'pairs never delivered').toEqual([]);
  expect(doubled, 'pairs delivered more than once').toEqual([]);
  expect(unexpected, 'pairs that should not exist').toEqual([]);
  expect(goodQuarantined, 'good notices quarantined').toEqual([]);
  expect(badOnce, 'bad submissions quarantined exactly once').toBe(sent.bad.length);
  expect(chain.report.broken, 'the audit chain').toBeUndefined();
  expect(repeatedIds, 'audit events chained twice').toBe(0);
  expect(kinds(v1.AuditKind.RECEIVED)).toBe(sent.submissions);
  expect(kinds(v1.AuditKind.DELIVERED)).toBe(expected.size);
  expect(kinds(v1.AuditKind.QUARANTINED)).toBe(sent.bad.length);
  expect(inboxProblems).toEqual([]);
  expect(notCounted, 'good notices not counted exactly once by the statistics').toEqual([]);
  expect(countedUnsent, 'notices counted that were never sent').toEqual([]);
}
