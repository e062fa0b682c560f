import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { buckets, consumers, streams, subjects } from '../../libs/bus/index.js';
import { registerAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { expectPublishAllowed, expectPublishRefused, expectSubscribeRefused } from '../harness/refusals.js';

let bus: TestBus;
const open: NatsConnection[] = [];

async function as(identity: Parameters<TestBus['connectAs']>[0]): Promise<NatsConnection> {
  // A service's credential is in the stack's secrets, not in stack.json.
  const nc = await bus.connectAs(identity, identity.kind === 'service' ? bus.natsFor(identity).credsFile : undefined);
  open.push(nc);
  return nc;
}

const statistics = () => as({ kind: 'service', service: 'statistics' });

beforeAll(async () => {
  bus = await startTestBus();
  await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'un-research', country: 'AT', role: 'research', groups: ['med'] });
  await registerAgency(bus, { id: 'eu-research', country: 'BE', role: 'research', groups: ['med'] });
});

afterAll(async () => {
  for (const nc of open) await nc.close().catch(() => undefined);
  await bus?.dispose();
});

/** Every stream and bucket that holds a notice's content, an identity, or who a notice went to. */
const IDENTITY_BEARING_STREAMS = [
  streams.ingest,
  streams.quarantine,
  streams.deliveries,
  streams.events,
  streams.audit,
  `KV_${buckets.notices}`,
  `KV_${buckets.widen}`,
];

/** Every JetStream API call that reads a stream: its info, a message, a direct get, a consumer of its own. */
const READS = ['STREAM.INFO', 'STREAM.MSG.GET', 'DIRECT.GET', 'CONSUMER.CREATE', 'CONSUMER.LIST', 'CONSUMER.NAMES'];

describe("the statistics service's credential is refused on every identity-bearing subject and stream", () => {
  for (const stream of IDENTITY_BEARING_STREAMS) {
    test(`it cannot read ${stream} in any way`, async () => {
      const nc = await statistics();
      for (const read of READS) await expectPublishRefused(nc, `$JS.API.${read}.${stream}`, JSON.stringify({ seq: 1 }));
      await expectPublishRefused(nc, `$JS.API.CONSUMER.CREATE.${stream}.steal.>`);
    });
  }

  test("it cannot pull from ingest's or an agency's consumers", async () => {
    const nc = await statistics();
    await expectPublishRefused(nc, `$JS.API.CONSUMER.MSG.NEXT.${streams.ingest}.${consumers.ingest}`);
    await expectPublishRefused(nc, `$JS.API.CONSUMER.MSG.NEXT.${streams.deliveries}.${consumers.inbox('it-police')}`);
    await expectPublishRefused(nc, `$JS.API.CONSUMER.MSG.NEXT.${streams.deliveries}.${consumers.node('it-police')}`);
  });

  test('it cannot listen to submissions, deliveries, quarantine records or decisions', async () => {
    const nc = await statistics();
    for (const subject of [subjects.ingestAll, subjects.deliverAll, subjects.quarantineAll, subjects.eventsAll, subjects.auditChain]) {
      await expectSubscribeRefused(nc, subject);
    }
  });

  test("it cannot take the services' requests, which carry whole notices", async () => {
    const nc = await statistics();
    for (const subject of [subjects.route, subjects.redact, subjects.widenRequestsAll, subjects.previewRequestsAll, subjects.trackAll]) {
      await expectSubscribeRefused(nc, subject);
      await expectPublishRefused(nc, subject.replace(/\*/g, 'it-police'));
    }
  });

  test("it cannot listen on another identity's replies", async () => {
    const nc = await statistics();
    await expectSubscribeRefused(nc, '_INBOX_accord_routing.>');
    await expectSubscribeRefused(nc, '_INBOX_it-police.>');
  });

  test('it cannot publish submissions, deliveries or audit records', async () => {
    const nc = await statistics();
    for (const subject of [subjects.ingest('it-police'), subjects.deliver('it-police'), subjects.auditChain, subjects.checkpoints]) {
      await expectPublishRefused(nc, subject);
    }
  });

  test('it cannot write the registry, the policy or the notice register', async () => {
    const nc = await statistics();
    for (const bucket of [buckets.agencies, buckets.keys, buckets.policies, buckets.notices]) {
      await expectPublishRefused(nc, `$KV.${bucket}.x`);
    }
  });

  test('it may read its own input and write its own releases (the control: the refusals above are not of everything)', async () => {
    const nc = await statistics();
    await expectPublishAllowed(nc, `$JS.API.CONSUMER.INFO.${streams.statisticsInput}.${consumers.statistics}`);
    await expectPublishAllowed(nc, `$JS.API.STREAM.INFO.${streams.statistics}`);
  });
});

describe('a research agency reads its own releases and nothing else of the statistics', () => {
  test("its liaisons cannot read another research agency's copies", async () => {
    const nc = await as({ kind: 'liaison', agency: 'un-research' });
    await expectPublishRefused(nc, `$JS.API.DIRECT.GET.${streams.statistics}.${subjects.statisticsDelivery('eu-research', '2026-11', 1)}`);
    await expectPublishAllowed(nc, `$JS.API.DIRECT.GET.${streams.statistics}.${subjects.statisticsDelivery('un-research', '2026-11', 1)}`);
  });

  test("its liaisons cannot read the service's input or its state", async () => {
    const nc = await as({ kind: 'liaison', agency: 'un-research' });
    await expectPublishRefused(nc, `$JS.API.STREAM.INFO.${streams.statisticsInput}`);
    await expectPublishRefused(nc, `$JS.API.CONSUMER.CREATE.${streams.statisticsInput}.x`);
    await expectPublishRefused(nc, `$JS.API.DIRECT.GET.KV_${buckets.statistics}.$KV.${buckets.statistics}.period.2026-11`);
    await expectPublishRefused(nc, `$JS.API.DIRECT.GET.${streams.statistics}`, JSON.stringify({ seq: 1 }));
  });
});
