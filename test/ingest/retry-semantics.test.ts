import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { subjects, type ServiceName } from '../../libs/bus/index.js';
import { listQuarantine, publishSubmission, serviceReadiness, signNotice } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { freePort } from '../../libs/stack/index.js';
import { waitFor } from '../../libs/polling/index.js';
import { startRedactionService } from '../../services/redaction/redaction-service.js';
import { startRoutingService } from '../../services/routing/routing-service.js';
import { allDecisions, deliveryPairs } from '../harness/pipeline-counts.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { serviceProcess } from '../harness/service-process.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';

/**
 * Which stage failures are retried and which quarantine: each test runs its own set of
 * services (those with failpoints, and ingest, whose log is read, as processes) against
 * one bus, sends one notice, and counts what the streams hold for it.
 */
let bus: TestBus;
let police: TestAgency;
const RECIPIENTS = ['it-prosecutor', 'ly-coastguard'];

interface Running {
  stop(): Promise<void>;
}

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  await registerAgency(bus, { id: 'it-prosecutor', country: 'IT', role: 'prosecutor', groups: ['med'] });
});

afterAll(async () => {
  await bus?.dispose();
});

/** A service as its own process, `name` its log, ready on the bus before this returns. */
async function processOf(service: ServiceName, name: string, env: Record<string, string> = {}): Promise<Running> {
  const p = serviceProcess(bus, service, { ACCORD_RATE_LIMIT: '0', ...env }, name);
  let exited = false;
  void p.exited.then(() => (exited = true));
  await waitFor(`${name} ready`, 30_000, async () => {
    if (exited) throw new Error(`${name} exited; see ${bus.layout.log(name)}`);
    return (await serviceReadiness(bus.nc, service)).instances.some((i) => i.ready) ? true : undefined;
  });
  return {
    stop: async () => {
      if (!exited) p.child.kill('SIGTERM');
      await p.exited;
    },
  };
}

const routingHere = (): Promise<Running> =>
  startRoutingService({ nats: bus.natsFor({ kind: 'service', service: 'routing' }), redactTimeoutMs: 5000 });

const redactionHere = (): Promise<Running> =>
  startRedactionService(
    {
      nats: bus.natsFor({ kind: 'service', service: 'redaction' }),
      busSigningKeyFile: bus.layout.busSigningKey,
      pseudonymKeyFile: bus.layout.pseudonymKey,
      gridDegrees: 1,
    },
    { secret: bus.secret },
  );

/** Runs `body` with the services started in order, and stops them all, those it started too. */
async function withServices(starts: (() => Promise<Running>)[], body: () => Promise<void>): Promise<void> {
  const started: Running[] = [];
  try {
    for (const start of starts) started.push(await start());
    await body();
  } finally {
    for (const s of started.reverse()) await s.stop();
  }
}

async function publish(): Promise<{ seq: number; noticeId: string }> {
  const notice = sampleNotice('it-police');
  const noticeId = notice.noticeId ?? '';
  const { seq } = await publishSubmission(bus.js, 'it-police', noticeId, await signNotice(notice, police.key));
  return { seq, noticeId };
}

type LogLine = Record<string, string | number>;

/** The JSON lines a service process wrote to its log so far. */
function logOf(name: string): LogLine[] {
  return readFileSync(bus.layout.log(name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);
}

const waitForLog = (name: string, match: (l: LogLine) => boolean): Promise<LogLine> =>
  waitFor(`a matching line in ${name}'s log`, 30_000, async () => logOf(name).find(match));

async function decisionOf(seq: number, timeoutMs = 30_000): Promise<v1.Decision> {
  return waitFor(`the decision on ${seq}`, timeoutMs, async () => (await allDecisions(bus)).get(seq));
}

/** What the streams hold for one submission: its quarantine records, and each recipient's deliveries. */
async function storedFor(seq: number, noticeId: string): Promise<{ quarantined: string[]; deliveries: Record<string, number> }> {
  const quarantined = (await listQuarantine(bus.js, bus.jsm, { agency: 'it-police' })).filter((q) => Number(q.ingestSeq) === seq);
  const deliveries: Record<string, number> = {};
  for (const [pair, n] of await deliveryPairs(bus)) {
    const [id, recipient = ''] = pair.split('/');
    if (id === noticeId) deliveries[recipient] = n;
  }
  return { quarantined: quarantined.map((q) => q.code), deliveries };
}

const eachOnce = Object.fromEntries(RECIPIENTS.map((r) => [r, 1]));

/** ingest and redaction, and routing as a process failing as `failpoints` say; `name` names their logs. */
const withFailingRouting = (name: string, failpoints: string): (() => Promise<Running>)[] => [
  () => processOf('ingest', `ingest-${name}`),
  redactionHere,
  () => processOf('routing', `routing-${name}`, { ACCORD_FAILPOINTS: failpoints }),
];

/** Starts redaction, absent until now, and returns once the submission is accepted. */
async function acceptedOnceRedactionRuns(seq: number): Promise<void> {
  const redaction = await redactionHere();
  try {
    expect((await decisionOf(seq)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  } finally {
    await redaction.stop();
  }
}

test('a retryable stage error is retried, and the notice then accepted once', async () => {
  await withServices([() => processOf('ingest', 'ingest-retryable'), routingHere], async () => {
    // No redaction yet: routing's request finds no responder, a retryable failure.
    const { seq, noticeId } = await publish();
    await waitForLog('ingest-retryable', (l) => l.message === 'will retry' && l.seq === seq);
    await acceptedOnceRedactionRuns(seq);
    expect(await storedFor(seq, noticeId)).toEqual({ quarantined: [], deliveries: eachOnce });
  });
});

test('a non-retryable stage error with a contract code quarantines the submission at once, with that code, and delivers nothing', async () => {
  await withServices(withFailingRouting('contract-code', 'before-redaction:1:E_UNKNOWN_AGENCY'), async () => {
    const { seq, noticeId } = await publish();
    const decision = await decisionOf(seq);
    expect({ status: decision.status, code: decision.code }).toEqual({
      status: v1.DecisionStatus.DECISION_QUARANTINED,
      code: 'E_UNKNOWN_AGENCY',
    });
    expect(await storedFor(seq, noticeId)).toEqual({ quarantined: ['E_UNKNOWN_AGENCY'], deliveries: {} });
    const lines = logOf('ingest-contract-code').filter((l) => l.seq === seq);
    expect(lines.filter((l) => l.message === 'quarantined').map((l) => l.attempt)).toEqual([1]);
    expect(lines.filter((l) => l.message === 'will retry')).toEqual([]);
  });
});

test('a notice quarantined for a non-retryable stage error can be sent again, and is then accepted', async () => {
  await withServices(withFailingRouting('send-again', 'before-redaction:1:E_UNKNOWN_AGENCY'), async () => {
    const notice = sampleNotice('it-police');
    const noticeId = notice.noticeId ?? '';
    const signed = await signNotice(notice, police.key);
    const first = (await publishSubmission(bus.js, 'it-police', noticeId, signed)).seq;
    expect((await decisionOf(first)).code).toBe('E_UNKNOWN_AGENCY');
    // Sent again after the broker's dedup window, as a new submission (a new message id).
    const again = (await bus.js.publish(subjects.ingest('it-police'), signed, { msgID: `it-police:${noticeId}:again` })).seq;
    expect((await decisionOf(again)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
    expect((await storedFor(again, noticeId)).deliveries).toEqual(eachOnce);
  });
});

test('a non-retryable stage error with a code outside the contract quarantines E_PROCESSING_FAILED, and the log has the cause', async () => {
  await withServices(withFailingRouting('other-code', 'before-redaction:1:E_STATE'), async () => {
    const { seq, noticeId } = await publish();
    expect((await decisionOf(seq)).code).toBe('E_PROCESSING_FAILED');
    expect(await storedFor(seq, noticeId)).toEqual({ quarantined: ['E_PROCESSING_FAILED'], deliveries: {} });
    const line = await waitForLog('ingest-other-code', (l) => l.message === 'quarantined' && l.seq === seq);
    expect(line).toMatchObject({ code: 'E_PROCESSING_FAILED', attempt: 1, error: 'routing: E_STATE: failpoint before-redaction' });
  });
});

test('an error after some deliveries were stored is retried: the notice ends accepted, each delivery stored once, no quarantine record', async () => {
  const services = [
    () => processOf('ingest', 'ingest-after-delivery'),
    // A bug (not an AccordError, not retryable) thrown once a first view is stored.
    () => processOf('redaction', 'redaction-after-delivery', { ACCORD_FAILPOINTS: 'after-delivery:1:throw' }),
    routingHere,
  ];
  await withServices(services, async () => {
    const { seq, noticeId } = await publish();
    expect((await decisionOf(seq)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
    expect(await storedFor(seq, noticeId)).toEqual({ quarantined: [], deliveries: eachOnce });
    const retried = logOf('ingest-after-delivery').filter((l) => l.message === 'will retry' && l.seq === seq);
    expect(retried.map((l) => l.attempt)).toEqual([1]);
  });
});

test('a submission an earlier attempt sent to routing is not quarantined when its attempts run out: it is retried until delivered', async () => {
  const port = await freePort();
  const services = [
    () => processOf('ingest', 'ingest-attempts-out', { ACCORD_MAX_ATTEMPTS: '2', ACCORD_HTTP_PORT: String(port) }),
    routingHere,
  ];
  await withServices(services, async () => {
    // No redaction until attempts have run out.
    const { seq, noticeId } = await publish();
    await waitFor('an attempt that could not quarantine the submission', 30_000, async () => {
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const line = metrics
        .split('\n')
        .find((l) => l.startsWith('accord_submissions_unquarantinable_total{') && l.includes('E_PROCESSING_FAILED'));
      return line && Number(line.slice(line.lastIndexOf(' ') + 1)) >= 1 ? line : undefined;
    });
    await acceptedOnceRedactionRuns(seq);
    expect(await storedFor(seq, noticeId)).toEqual({ quarantined: [], deliveries: eachOnce });
    const errors = logOf('ingest-attempts-out').filter((l) => l.level === 'error' && l.seq === seq);
    expect(errors[0]).toMatchObject({ code: 'E_PROCESSING_FAILED', attempt: 3 });
  });
});

test('a non-retryable stage error on a later attempt of a submission an earlier attempt sent to routing does not quarantine it', async () => {
  const services = [
    () => processOf('ingest', 'ingest-later-refusal'),
    // Attempt 1 passes this point and finds no redaction; attempt 2 is refused here.
    () => processOf('routing', 'routing-later-refusal', { ACCORD_FAILPOINTS: 'before-redaction:2:E_UNKNOWN_AGENCY' }),
  ];
  await withServices(services, async () => {
    const { seq, noticeId } = await publish();
    const held = await waitForLog('ingest-later-refusal', (l) => l.level === 'error' && l.seq === seq);
    expect(held).toMatchObject({ code: 'E_UNKNOWN_AGENCY', attempt: 2 });
    await acceptedOnceRedactionRuns(seq);
    expect(await storedFor(seq, noticeId)).toEqual({ quarantined: [], deliveries: eachOnce });
  });
});
