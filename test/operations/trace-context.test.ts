import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { messageIds, subjects } from '../../libs/bus/index.js';
import { InboxStore, publishSubmission, pullInbox, registryKeys, signNotice } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { newTrace, parseTraceparent } from '../../libs/tracing/index.js';
import { auditChain, awaitDecision, waitForAuditCount } from '../harness/bus-readers.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';

let bus: TestBus;
let services: TestServices;
let police: TestAgency;
const trace = newTrace();
let noticeId = '';

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  services = await startTestServices(bus);
  const notice = sampleNotice('it-police', { addressees: ['ly-coastguard'] });
  noticeId = notice.noticeId ?? '';
  const { seq } = await publishSubmission(bus.js, 'it-police', noticeId, await signNotice(notice, police.key), trace);
  expect((await awaitDecision(bus.nc, 'it-police', seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  await waitForAuditCount(bus, (r) => r.event?.noticeId === noticeId && r.event.kind === v1.AuditKind.DELIVERED, 1);
}, 60_000);

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

test("the adapter's trace arrives on the view the liaison stores, in a span of its own", async () => {
  const nc = await bus.connectAs({ kind: 'liaison', agency: 'ly-coastguard' });
  try {
    const store = new InboxStore(mkdtempSync(join(tmpdir(), 'accord-trace-inbox-')));
    const keys = { bus: bus.busVerification, originators: registryKeys(await jetstreamManager(nc, { checkAPI: false })) };
    const { stored } = await pullInbox(jetstream(nc), 'ly-coastguard', keys, store);
    const view = stored.find((v) => v.noticeId === noticeId);
    const carried = parseTraceparent(view?.traceparent);
    expect(carried?.traceId).toBe(trace.traceId);
    expect(carried?.spanId).not.toBe(trace.spanId);
  } finally {
    await nc.close();
  }
});

test("every audit record of the notice carries the adapter's trace id", async () => {
  const records = (await auditChain(bus)).records.filter(
    (r) => r.event?.noticeId === noticeId || (r.event?.kind === v1.AuditKind.RECEIVED && r.event.traceId === trace.traceId),
  );
  const kinds = records.map((r) => r.event?.kind);
  expect(kinds).toEqual(
    expect.arrayContaining([v1.AuditKind.RECEIVED, v1.AuditKind.ACCEPTED, v1.AuditKind.ROUTED, v1.AuditKind.VIEW, v1.AuditKind.DELIVERED]),
  );
  expect(new Set(records.map((r) => r.event?.traceId))).toEqual(new Set([trace.traceId]));
});

test('a submission without a traceparent gets a trace of its own, carried the same way', async () => {
  const notice = sampleNotice('it-police', { addressees: ['ly-coastguard'] });
  const ack = await bus.js.publish(subjects.ingest('it-police'), await signNotice(notice, police.key), {
    msgID: messageIds.submission('it-police', notice.noticeId ?? ''),
  });
  await awaitDecision(bus.nc, 'it-police', ack.seq, 15_000);
  const records = await waitForAuditCount(bus, (r) => r.event?.noticeId === notice.noticeId && r.event?.kind === v1.AuditKind.DELIVERED, 1);
  const traceId = records[0]?.event?.traceId ?? '';
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(traceId).not.toBe(trace.traceId);
});
