import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { awaitDecision } from '../harness/bus-readers.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestIngest, startTestServices, type TestServices } from '../harness/test-services.js';

const freshness = { pastMs: 1500, futureMs: 1000 };
let bus: TestBus;
let services: TestServices;
let police: TestAgency;

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  services = await startTestServices(bus, { ingest: { freshness } });
});

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

test('notices queued while ingest is held back for longer than the skew are not stale', async () => {
  await services.ingest.stop();
  const seqs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const notice = sampleNotice('it-police');
    seqs.push((await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, police.key))).seq);
  }
  await new Promise((r) => setTimeout(r, freshness.pastMs * 2));
  services.ingest = await startTestIngest(bus, { freshness });
  const outcomes = await Promise.all(seqs.map((seq) => awaitDecision(bus.nc, 'it-police', seq, 20_000)));
  expect(outcomes.map((d) => d.code || 'accepted')).toEqual(seqs.map(() => 'accepted'));
});

test('a notice issued longer ago than the skew when it reached the bus is stale', async () => {
  const notice = sampleNotice('it-police', { issuedAt: { seconds: Math.floor(Date.now() / 1000) - 5, nanos: 0 } });
  const { seq } = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, police.key));
  const decision = await awaitDecision(bus.nc, 'it-police', seq, 15_000);
  expect({ status: decision.status, code: decision.code }).toEqual({ status: v1.DecisionStatus.DECISION_QUARANTINED, code: 'E_STALE' });
});
