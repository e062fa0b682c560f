import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { seenClaim, seenKey } from '../../services/ingest/seen-notices.js';
import { allDecisions, deliveryPairs, waitForDecisions } from '../harness/pipeline-counts.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';

let bus: TestBus;
let services: TestServices;
let police: TestAgency;

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  await registerAgency(bus, { id: 'it-prosecutor', country: 'IT', role: 'prosecutor', groups: ['med'] });
  services = await startTestServices(bus);
});

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

test('Redis stopped mid-stream and restarted: nothing accepted unchecked, nothing lost, nothing a replay of itself', async () => {
  const total = 200;
  const published: { seq: number; noticeId: string }[] = [];
  const sending = (async () => {
    for (let i = 0; i < total; i++) {
      const notice = sampleNotice('it-police');
      const { seq } = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, police.key));
      published.push({ seq, noticeId: notice.noticeId ?? '' });
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  await new Promise((r) => setTimeout(r, 500));
  await bus.redis.stop();
  await new Promise((r) => setTimeout(r, 2000));
  await bus.redis.restart();
  await sending;
  await waitForDecisions(bus, total, 60_000);

  const decisions = await allDecisions(bus);
  expect(published.map(({ seq }) => decisions.get(seq)?.status)).toEqual(published.map(() => v1.DecisionStatus.DECISION_ACCEPTED));

  const deliveries = await deliveryPairs(bus);
  expect(deliveries.size).toBe(total * 2);
  expect([...deliveries.values()].every((n) => n === 1)).toBe(true);

  // Every accepted notice holds its claim in Redis (which kept it across the restart).
  const redis = new Redis(bus.state.redisUrl);
  const claims = await redis.mget(...published.map(({ noticeId }) => seenKey(noticeId)));
  redis.disconnect();
  expect(claims).toEqual(published.map(({ seq }) => seenClaim('it-police', seq)));
});
