import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ChainVerifier } from '../../libs/audit/index.js';
import { messageIds, subjects } from '../../libs/bus/index.js';
import { readAuditRecords, signNotice } from '../../libs/client/index.js';
import { v1, type AuditRecord } from '../../libs/proto/index.js';
import { SETTINGS } from '../../libs/settings/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import type { RunningService } from '../../services/shared/run-service.js';
import { waitForDecisions } from '../harness/pipeline-counts.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { serviceProcess } from '../harness/service-process.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestIngest, startTestRedaction, startTestRouting } from '../harness/test-services.js';

const NOTICES = Number(process.env.ACCORD_AUDIT_CRASH_NOTICES ?? 5000);
let bus: TestBus;
let police: TestAgency;
const running: RunningService[] = [];

/** The audit service as its own process, so it can be killed as a process is. */
function auditProcess() {
  return serviceProcess(bus, 'audit', {
    ACCORD_CHECKPOINT_RECORDS: '2000',
    ACCORD_CHECKPOINT_MS: '1000',
  });
}

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  await registerAgency(bus, { id: 'it-prosecutor', country: 'IT', role: 'prosecutor', groups: ['med'] });
  running.push(await startTestRedaction(bus));
  running.push(await startTestRouting(bus, { redactTimeoutMs: 8000 }));
  running.push(await startTestIngest(bus, { concurrency: SETTINGS.ingestConcurrency.default, stageTimeoutMs: 10_000 }));
}, 60_000);

afterAll(async () => {
  for (const s of running) await s.stop();
  await bus?.dispose();
});

/** Publishes `count` notices in waves while the test does its damage; returns their ids. */
function sendNotices(count: number): { noticeIds: string[]; sent: Promise<void> } {
  const noticeIds: string[] = [];
  const sent = (async () => {
    for (let i = 0; i < count; i += 250) {
      await Promise.all(
        Array.from({ length: Math.min(250, count - i) }, async () => {
          const notice = sampleNotice('it-police');
          const noticeId = notice.noticeId ?? '';
          noticeIds.push(noticeId);
          await bus.js.publish(subjects.ingest('it-police'), await signNotice(notice, police.key), {
            msgID: messageIds.submission('it-police', noticeId),
          });
        }),
      );
    }
  })();
  return { noticeIds, sent };
}

/** Waits until the chain holds `deliveries` DELIVERED records, then checks it holds every notice's records exactly once. */
async function expectEachNoticeChainedOnce(label: string, noticeIds: string[], decisions: number, deliveries: number): Promise<void> {
  await waitForDecisions(bus, decisions, 300_000);
  const auditKey = await verificationKeyFromJwk(await parsePublicJwk(JSON.parse(readFileSync(bus.layout.auditPublicKey, 'utf8')), 'audit'));
  const deadline = Date.now() + 120_000;
  let records: AuditRecord[] = [];
  let report;
  for (;;) {
    const verifier = new ChainVerifier();
    records = [];
    await readAuditRecords(bus.js, bus.jsm, (chained) => {
      const r = verifier.push(chained);
      if (r) records.push(r);
    });
    report = await verifier.finish(auditKey);
    const delivered = records.filter((r) => r.event?.kind === v1.AuditKind.DELIVERED).length;
    if (delivered >= deliveries || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(report.broken).toBeUndefined();
  expect(report.checkpoints).toBeGreaterThan(0);
  const ids = records.map((r) => r.event?.eventId);
  expect(new Set(ids).size).toBe(ids.length);
  const byNotice = new Map<string, number[]>();
  for (const r of records)
    if (r.event?.noticeId) byNotice.set(r.event.noticeId, [...(byNotice.get(r.event.noticeId) ?? []), r.event.kind ?? 0]);
  const expected = [
    v1.AuditKind.ACCEPTED,
    v1.AuditKind.ROUTED,
    v1.AuditKind.VIEW,
    v1.AuditKind.VIEW,
    v1.AuditKind.DELIVERED,
    v1.AuditKind.DELIVERED,
  ].sort((a, b) => a - b);
  const wrong = noticeIds.filter((id) => JSON.stringify([...(byNotice.get(id) ?? [])].sort((a, b) => a - b)) !== JSON.stringify(expected));
  const received = records.filter((r) => r.event?.kind === v1.AuditKind.RECEIVED).length;
  console.info(
    `${label}: ${noticeIds.length} notices, ${records.length} records in the chain, ${report.checkpoints} checkpoints, ${wrong.length} notices with a wrong set of records`,
  );
  expect(wrong).toEqual([]);
  expect(received).toBe(decisions);
}

test(`the audit writer killed (kill -9) mid-stream of ${NOTICES} notices and restarted: the chain verifies, every notice has its records exactly once`, async () => {
  const first = auditProcess();
  const { noticeIds, sent } = sendNotices(NOTICES);
  // Kill it while the stream is flowing.
  await new Promise((r) => setTimeout(r, 1500));
  first.child.kill('SIGKILL');
  await first.exited;
  await sent;
  const second = auditProcess();
  try {
    await expectEachNoticeChainedOnce('audit writer killed and restarted', noticeIds, NOTICES, NOTICES * 2);
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
}, 600_000);

test(`the audit writer killed (kill -9) mid-stream of ${NOTICES} notices with a standby running: the standby takes over, every notice chained exactly once`, async () => {
  const writer = auditProcess();
  // The first to start holds the lease (the previous test's writer released it on SIGTERM).
  await new Promise((r) => setTimeout(r, 1000));
  const standby = auditProcess();
  try {
    const { noticeIds, sent } = sendNotices(NOTICES);
    await new Promise((r) => setTimeout(r, 1500));
    writer.child.kill('SIGKILL');
    await writer.exited;
    await sent;
    await expectEachNoticeChainedOnce('audit writer killed, standby took over', noticeIds, NOTICES * 2, NOTICES * 4);
  } finally {
    standby.child.kill('SIGTERM');
    await standby.exited;
  }
}, 600_000);
