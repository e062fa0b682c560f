import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishServiceEvents } from '../../libs/bus/index.js';
import { v1 } from '../../libs/proto/index.js';
import { serviceEvent } from '../../services/shared/service-events.js';
import type { RunningService } from '../../services/shared/run-service.js';
import { auditChain, waitForAuditRecord } from '../harness/bus-readers.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestAudit } from '../harness/test-services.js';

let bus: TestBus;
let audit: RunningService;

beforeAll(async () => {
  bus = await startTestBus();
  audit = await startTestAudit(bus);
}, 30_000);

afterAll(async () => {
  await audit?.stop();
  await bus?.dispose();
});

/** A service-start event; the same instance gives the same event id each time. */
const started = (instance: string) => serviceEvent('ingest', instance, 'started');

const startsChained = async (): Promise<string[]> =>
  (await auditChain(bus)).records
    .filter((r) => r.event?.service === 'ingest' && r.event.kind === v1.AuditKind.SERVICE)
    .map((r) => r.event?.eventId ?? '');

test('an event sent again in a differently composed batch (a crashed service redoing its work) is chained once', async () => {
  await publishServiceEvents(bus.js, 'ingest', [started('a'), started('b')]);
  await publishServiceEvents(bus.js, 'ingest', [started('b'), started('c')]);
  await waitForAuditRecord(bus, (r) => r.event?.eventId === started('c').eventId);
  expect(await startsChained()).toEqual(['a', 'b', 'c'].map((id) => started(id).eventId));
});

test('after a restart the writer still knows what it chained', async () => {
  await audit.stop();
  audit = await startTestAudit(bus);
  await publishServiceEvents(bus.js, 'ingest', [started('a'), started('d')]);
  await waitForAuditRecord(bus, (r) => r.event?.eventId === started('d').eventId);
  expect(await startsChained()).toEqual(['a', 'b', 'c', 'd'].map((id) => started(id).eventId));
});
