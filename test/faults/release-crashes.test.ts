/**
 * A release whose stages die (kill -9) after the supplementary view is stored and before
 * the request is marked released: the issuer sends the same release again until it is
 * answered (releaseWidenUntilAnswered, as `accord widen release` does), and the recipient holds the supplementary
 * view exactly once.
 */
import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ServiceName } from '../../libs/bus/index.js';
import { streams, subjects } from '../../libs/bus/index.js';
import {
  publishSubmission,
  readStream,
  releaseWidenUntilAnswered,
  requestWiden,
  signNotice,
  signRelease,
} from '../../libs/client/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import { awaitDecision } from '../harness/bus-readers.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { serviceProcess, type ServiceProcess } from '../harness/service-process.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestAudit, startTestIngest } from '../harness/test-services.js';
import type { RunningService } from '../../services/shared/run-service.js';

let bus: TestBus;
let police: TestAgency;
let issuer: NatsConnection;
let requester: NatsConnection;
const running: RunningService[] = [];
const processes = new Map<ServiceName, ServiceProcess>();

async function restart(service: ServiceName, failpoints = ''): Promise<void> {
  const old = processes.get(service);
  if (old && old.child.exitCode === null && old.child.signalCode === null) {
    old.child.kill('SIGTERM');
    await old.exited;
  }
  processes.set(service, serviceProcess(bus, service, { ACCORD_FAILPOINTS: failpoints }, `${service}-${randomUUID().slice(0, 8)}`));
}

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'gr-coastguard', country: 'GR', role: 'coastguard', groups: ['med'] });
  running.push(await startTestAudit(bus));
  running.push(await startTestIngest(bus));
  await restart('redaction');
  await restart('routing');
  issuer = await bus.connectAs({ kind: 'adapter', agency: 'it-police' });
  requester = await bus.connectAs({ kind: 'adapter', agency: 'gr-coastguard' });
}, 60_000);

afterAll(async () => {
  for (const p of processes.values()) {
    p.child.kill('SIGTERM');
    await p.exited;
  }
  await issuer?.close();
  await requester?.close();
  for (const s of running) await s.stop();
  await bus?.dispose();
});

async function supplementaryViews(noticeId: string): Promise<number> {
  let count = 0;
  await readStream(bus.js, bus.jsm, streams.deliveries, { filterSubject: subjects.deliver('gr-coastguard') }, (msg) => {
    const view = v1.DeliveredView.decode(v1.SignedView.decode(msg.data).view);
    if (view.core?.noticeId === noticeId && view.supplement) count += 1;
  });
  return count;
}

for (const [service, point] of [
  ['redaction', 'after-delivery'],
  ['routing', 'widen-after-delivery'],
] as const) {
  test(`${service} killed after storing the supplementary view: released once, delivered exactly once`, async () => {
    const notice = sampleNotice('it-police', { tlp: v1.Tlp.GREEN });
    const submission = await signNotice(notice, police.key);
    const { seq } = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', submission);
    expect((await awaitDecision(bus.nc, 'it-police', seq, 30_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
    const request = await requestWiden(
      requester,
      'gr-coastguard',
      { requestId: randomUUID(), noticeId: notice.noticeId ?? '', categories: ['smuggler.identity'], reason: 'To match the skipper.' },
      10_000,
    );
    const release = await signRelease(
      {
        requestId: request.requestId,
        noticeId: request.noticeId,
        recipient: request.requester,
        categories: request.categories,
        expiresAt: timestampFromDate(new Date(Date.now() + 86_400_000)),
      },
      police.key,
    );

    await restart(service, `${point}:1`);
    const answered = releaseWidenUntilAnswered(
      issuer,
      'it-police',
      { ...release, signedNotice: submission },
      { attemptMs: 5_000, deadlineMs: 120_000 },
    );
    expect(await processes.get(service)?.exited).toBe('SIGKILL');
    await restart(service);
    expect((await answered).status).toBe(v1.WidenStatus.RELEASED);
    expect(await supplementaryViews(notice.noticeId ?? '')).toBe(1);
  }, 180_000);
}
