/**
 * A withdrawal whose redaction dies (kill -9) between two erasures: on restart the
 * submission comes back, the tombstones are stored once each (the same message ids), every
 * withdrawn view is erased and each erasure is recorded once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { streams, subjects } from '../../libs/bus/index.js';
import { publishSubmission, readStream, signNotice } from '../../libs/client/index.js';
import { timestampFromDate, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { awaitDecision, auditChain, waitForAuditCount } from '../harness/bus-readers.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { serviceProcess, type ServiceProcess } from '../harness/service-process.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestAudit, startTestIngest, startTestRouting } from '../harness/test-services.js';
import type { RunningService } from '../../services/shared/run-service.js';

const RECIPIENTS = ['ly-coastguard', 'gr-coastguard', 'mt-police'];
let bus: TestBus;
let police: TestAgency;
const running: RunningService[] = [];
let redaction: ServiceProcess | undefined;

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  for (const [id, country, role] of [
    ['ly-coastguard', 'LY', 'coastguard'],
    ['gr-coastguard', 'GR', 'coastguard'],
    ['mt-police', 'MT', 'police'],
  ] as const)
    await registerAgency(bus, { id, country, role, groups: ['med'] });
  running.push(await startTestAudit(bus));
  running.push(await startTestRouting(bus));
  running.push(await startTestIngest(bus));
}, 60_000);

afterAll(async () => {
  redaction?.child.kill('SIGTERM');
  await redaction?.exited;
  for (const s of running) await s.stop();
  await bus?.dispose();
});

async function publish(notice: CaseNoticeProps): Promise<v1.Decision> {
  const { seq } = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, police.key));
  return awaitDecision(bus.nc, 'it-police', seq, 60_000);
}

/** How many deliveries each recipient holds of a notice (views and tombstones alike). */
async function deliveriesOf(noticeId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await readStream(bus.js, bus.jsm, streams.deliveries, { filterSubject: subjects.deliverAll }, (msg) => {
    const view = v1.DeliveredView.decode(v1.SignedView.decode(msg.data).view);
    if ((view.core?.noticeId ?? view.tombstone?.byNoticeId) === noticeId) counts.set(view.recipient, (counts.get(view.recipient) ?? 0) + 1);
  });
  return counts;
}

test('redaction killed between two erasures of a withdrawal: every tombstone stored once, every view erased, each erasure recorded once', async () => {
  redaction = serviceProcess(bus, 'redaction', {});
  const notice = sampleNotice('it-police', { tlp: v1.Tlp.GREEN });
  expect((await publish(notice)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  expect([...(await deliveriesOf(notice.noticeId ?? '')).keys()].sort()).toEqual([...RECIPIENTS].sort());
  redaction.child.kill('SIGTERM');
  await redaction.exited;

  // The second erasure of three is never reached by the first process.
  redaction = serviceProcess(bus, 'redaction', { ACCORD_FAILPOINTS: 'after-erasure:1' }, 'redaction-doomed');
  const withdrawal: CaseNoticeProps = {
    noticeId: randomUUID(),
    issuingAgency: 'it-police',
    issuedAt: timestampFromDate(new Date()),
    caseRef: 'withdrawal',
    type: v1.NoticeType.CASE_UPDATE,
    tlp: v1.Tlp.RED,
    mode: v1.Mode.LAND,
    route: { destination: ['IT'] },
    summary: 'Issued in error.',
    relations: [{ kind: v1.RelationKind.WITHDRAWAL, noticeId: notice.noticeId ?? '', withdrawalCode: v1.WithdrawalCode.OTHER }],
  };
  const decided = publish(withdrawal);
  expect(await redaction.exited).toBe('SIGKILL');
  redaction = serviceProcess(bus, 'redaction', {}, 'redaction-again');
  expect((await decided).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);

  expect(await deliveriesOf(notice.noticeId ?? '')).toEqual(new Map());
  expect(await deliveriesOf(withdrawal.noticeId ?? '')).toEqual(new Map(RECIPIENTS.map((r) => [r, 1])));
  await waitForAuditCount(bus, (r) => r.event?.kind === v1.AuditKind.ACCEPTED && r.event.noticeId === withdrawal.noticeId, 1);
  const erased = (await auditChain(bus)).records.filter((r) => r.event?.kind === v1.AuditKind.ERASED);
  expect(erased.map((r) => r.event?.recipient ?? '').sort((a, b) => a.localeCompare(b))).toEqual(
    [...RECIPIENTS].sort((a, b) => a.localeCompare(b)),
  );
}, 180_000);
