import { afterAll, beforeAll, expect, test } from 'vitest';
import { consumers, streams } from '../../libs/bus/index.js';
import { formatBusStatus, publishSubmission, signNotice, type BusStatus } from '../../libs/client/index.js';
import { awaitDecision, waitForAuditRecord } from '../harness/bus-readers.js';
import { runCli } from '../harness/run-cli.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { signUnchecked } from '../harness/submissions.js';
import { registerAgency, unregisteredKey } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';
import { v1 } from '../../libs/proto/index.js';

let bus: TestBus;
let services: TestServices | undefined;
let status: BusStatus;
let exitCode: number | null;

beforeAll(async () => {
  bus = await startTestBus();
  const police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  services = await startTestServices(bus);
  const good = sampleNotice('it-police', { addressees: ['ly-coastguard'] });
  const bad = sampleNotice('it-police', { addressees: ['ly-coastguard'] });
  const a = await publishSubmission(bus.js, 'it-police', good.noticeId ?? '', await signNotice(good, police.key));
  const b = await publishSubmission(bus.js, 'it-police', bad.noticeId ?? '', await signUnchecked(bad, await unregisteredKey()));
  await awaitDecision(bus.nc, 'it-police', a.seq, 15_000);
  await awaitDecision(bus.nc, 'it-police', b.seq, 15_000);
  await waitForAuditRecord(bus, (r) => r.event?.kind === v1.AuditKind.DELIVERED && r.event.noticeId === good.noticeId);
  const run = await runCli('status', '--dir', bus.dir, '--json');
  exitCode = run.status;
  status = JSON.parse(run.stdout) as BusStatus;
}, 60_000);

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

test('every service reports a ready instance, and status exits 0', () => {
  expect(status.services.map((s) => [s.service, s.instances.some((i) => i.ready)])).toEqual([
    ['ingest', true],
    ['routing', true],
    ['redaction', true],
    ['audit', true],
    ['statistics', true],
  ]);
  expect(exitCode).toBe(0);
});

test('the quarantine of the last hour is counted by reason code', () => {
  expect(status.quarantinedLastHour).toEqual({ E_UNKNOWN_KID: 1 });
});

test("an agency's inbox shows the view it has not read yet as its lag", () => {
  expect(status.consumers.find((c) => c.consumer === consumers.inbox('ly-coastguard'))).toMatchObject({
    owner: 'ly-coastguard',
    pending: 1,
    ackPending: 0,
  });
  expect(status.consumers.find((c) => c.consumer === consumers.inbox('it-police'))).toMatchObject({ pending: 0 });
});

test('the audit chain height counts the records written, and the streams their messages', () => {
  expect(status.audit.height).toBeGreaterThanOrEqual(8);
  expect(status.streams.find((s) => s.stream === streams.deliveries)?.messages).toBe(1);
  expect(status.streams.find((s) => s.stream === streams.quarantine)?.messages).toBe(1);
});

test('a service with no instance running is shown as not running, and status exits 1', async () => {
  await services?.stop();
  services = undefined;
  const run = await runCli('status', '--dir', bus.dir);
  expect(run.stdout).toMatch(/ingest +NOT RUNNING/);
  expect(run.stderr.trim()).toBe('accord status: no ready instance of ingest, routing, redaction, audit, statistics');
  expect(run.status).toBe(1);
});

test('--every without --watch is refused as a usage error', async () => {
  const run = await runCli('status', '--dir', bus.dir, '--every', '5');
  expect(run.stderr).toContain('--every sets the refresh interval of --watch; add --watch');
  expect(run.status).toBe(2);
});

test('the terminal view names each part an operator looks for', () => {
  const text = formatBusStatus(status);
  for (const heading of ['services', 'streams (messages, bytes)', 'consumer lag', 'quarantined in the last hour: 1', 'audit chain:'])
    expect(text).toContain(heading);
});
