import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishSubmission, signNotice, listOwnQuarantine } from '../../libs/client/index.js';
import { subjects } from '../../libs/bus/index.js';
import { v1 } from '../../libs/proto/index.js';
import { awaitDecision } from '../harness/bus-readers.js';
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
  services = await startTestServices(bus, { ingest: { rate: { limit: 5, windowMs: 3000 } } });
});

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

test('submissions beyond the agency rate are quarantined E_RATE_LIMITED, the adapter sees it, and the notice can be sent again', async () => {
  const notices = Array.from({ length: 8 }, () => sampleNotice('it-police'));
  const seqs: number[] = [];
  for (const n of notices) seqs.push((await publishSubmission(bus.js, 'it-police', n.noticeId ?? '', await signNotice(n, police.key))).seq);
  const outcomes = [];
  for (const seq of seqs) outcomes.push((await awaitDecision(bus.nc, 'it-police', seq, 15_000)).code || 'accepted');
  expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(5);
  expect(outcomes.filter((o) => o === 'E_RATE_LIMITED')).toHaveLength(3);

  const adapter = await bus.connectAs({ kind: 'adapter', agency: 'it-police' });
  const seen = await listOwnQuarantine(adapter, 'it-police', { code: 'E_RATE_LIMITED' });
  expect(seen).toHaveLength(3);
  await adapter.close();

  // Refused for a passing reason, the notice did not count as seen: once the window has
  // moved on it is accepted (sent under another Nats-Msg-Id, as after the dedup window).
  await new Promise((r) => setTimeout(r, 3100));
  const limited = notices[outcomes.indexOf('E_RATE_LIMITED')] ?? {};
  const again = await bus.js.publish(
    subjects.ingest('it-police'),
    await signNotice({ ...limited, issuedAt: sampleNotice('it-police').issuedAt ?? null }, police.key),
    { msgID: 'resend' },
  );
  expect((await awaitDecision(bus.nc, 'it-police', again.seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
});

test('after Redis forgets its scripts, as on a restart, the rate is still enforced', async () => {
  const redis = new Redis(bus.redis.url);
  await redis.script('FLUSH');
  await redis.quit();
  await new Promise((r) => setTimeout(r, 3100));
  const seqs: number[] = [];
  for (const n of Array.from({ length: 6 }, () => sampleNotice('it-police'))) {
    seqs.push((await publishSubmission(bus.js, 'it-police', n.noticeId ?? '', await signNotice(n, police.key))).seq);
  }
  const outcomes = [];
  for (const seq of seqs) outcomes.push((await awaitDecision(bus.nc, 'it-police', seq, 15_000)).code || 'accepted');
  expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(5);
  expect(outcomes.filter((o) => o === 'E_RATE_LIMITED')).toHaveLength(1);
});
