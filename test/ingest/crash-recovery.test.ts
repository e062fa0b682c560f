import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { waitForAuditCount } from '../harness/bus-readers.js';
import { allDecisions, deliveryPairs, waitForDecisions } from '../harness/pipeline-counts.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { serviceProcess } from '../harness/service-process.js';
import { startTestBus, TEST_BUS_SETTINGS, type TestBus } from '../harness/test-bus.js';
import { startTestAudit, startTestRedaction, startTestRouting } from '../harness/test-services.js';
import type { RunningService } from '../../services/shared/run-service.js';

let bus: TestBus;
let police: TestAgency;
const running: RunningService[] = [];

/** ingest as its own process, so it can die as a real process dies. */
function ingestProcess(failpoints: string, concurrency = 32) {
  return serviceProcess(bus, 'ingest', {
    ACCORD_RATE_LIMIT: '0',
    ACCORD_FAILPOINTS: failpoints,
    ACCORD_INGEST_CONCURRENCY: String(concurrency),
  });
}

beforeAll(async () => {
  // A dedup window of 1 s, so a redelivery can come after it within a test.
  bus = await startTestBus({ ...TEST_BUS_SETTINGS, duplicateWindowMs: 1000 });
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  running.push(await startTestAudit(bus));
  running.push(await startTestRedaction(bus));
  running.push(await startTestRouting(bus));
});

afterAll(async () => {
  for (const s of running) await s.stop();
  await bus?.dispose();
});

async function publishMany(total: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < total; i++) {
    const notice = sampleNotice('it-police');
    seqs.push((await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, police.key))).seq);
  }
  return seqs;
}

test('ingest killed between its replay check and its acknowledgement: on restart the notice is delivered, not a replay of itself', async () => {
  const total = 30;
  const published = await publishMany(total);
  // One submission at a time, so no other was delivered but not yet decided when it dies:
  // those would come back after ack_wait (2 s), past this bus's 1 s dedup window, and be
  // delivered again; with the default window (20 min) that takes an outage that long.
  const first = ingestProcess('crash-after-claim:5', 1);
  expect(await first.exited).toBe('SIGKILL');

  const second = ingestProcess('');
  try {
    await waitForDecisions(bus, total, 30_000);
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
  const decisions = await allDecisions(bus);
  expect(published.map((seq) => decisions.get(seq)?.code || 'accepted')).toEqual(published.map(() => 'accepted'));
  const deliveries = await deliveryPairs(bus);
  expect(deliveries.size).toBe(total);
  expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
  const accepted = await waitForAuditCount(bus, (r) => r.event?.kind === v1.AuditKind.ACCEPTED, total);
  expect(accepted).toHaveLength(total);
});

test('ingest killed after its decision, restarted after the dedup window: nothing is routed or delivered twice', async () => {
  const before = (await allDecisions(bus)).size;
  const deliveriesBefore = (await deliveryPairs(bus)).size;
  const published = await publishMany(10);
  // One submission at a time, so the one killed after its decision is the only one in hand.
  const first = ingestProcess('crash-after-decision:3', 1);
  expect(await first.exited).toBe('SIGKILL');
  await new Promise((r) => setTimeout(r, 1500));
  const second = ingestProcess('');
  try {
    await waitForDecisions(bus, before + 10, 30_000);
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
  const decisions = await allDecisions(bus);
  expect(published.map((seq) => decisions.get(seq)?.code || 'accepted')).toEqual(published.map(() => 'accepted'));
  const deliveries = await deliveryPairs(bus);
  expect(deliveries.size - deliveriesBefore).toBe(10);
  expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
});
