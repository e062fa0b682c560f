import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseSubject, streams, subjects } from '../../libs/bus/index.js';
import { connectAs, publishSubmission, readAuditRecords, readStackFile, signNotice } from '../../libs/client/index.js';
import { signingKeyFromJwk } from '../../libs/signing/index.js';
import { readStackState, stackDown, stackLayout, stackUp } from '../../libs/stack/index.js';
import { addAgencyIn } from '../../libs/context/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { signUnchecked } from '../harness/submissions.js';
import { unregisteredKey } from '../harness/test-agencies.js';

const NOTICES = 1000;
const dir = mkdtempSync(join(tmpdir(), 'accord-metrics-'));
let operator: NatsConnection;
const sent = { good: 0, bad: 0 };

/** One sample from Prometheus text: the value of `name` whose labels include all of `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function scrape(instance: string): Promise<string> {
  const port = readStackState(stackLayout(dir))?.httpPorts?.[instance];
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  await stackUp(dir);
  const { signingKeyFile } = await addAgencyIn(dir, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  for (const [id, country, role] of [
    ['ly-coastguard', 'LY', 'coastguard'],
    ['it-prosecutor', 'IT', 'prosecutor'],
    ['mt-fiu', 'MT', 'fiu'],
  ] as const) {
    await addAgencyIn(dir, { id, country, role, groups: ['med'] });
  }
  const key = await signingKeyFromJwk(JSON.parse(readFileSync(signingKeyFile ?? '', 'utf8')), 'it-police');
  const stranger = await unregisteredKey();
  const stack = readStackFile(dir);
  const adapter = await connectAs(stack, { kind: 'adapter', agency: 'it-police' });
  operator = await connectAs(stack, { kind: 'operator' });
  const js = jetstream(adapter);
  for (let i = 0; i < NOTICES; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, async (_, j) => {
        const bad = (i + j) % 25 === 24;
        const notice = sampleNotice('it-police', { addressees: ['mt-fiu'] });
        await publishSubmission(
          js,
          'it-police',
          notice.noticeId ?? '',
          bad ? await signUnchecked(notice, stranger) : await signNotice(notice, key),
        );
        if (bad) sent.bad += 1;
        else sent.good += 1;
      }),
    );
  }
  await adapter.close();
  // Every submission decided, and the audit writer caught up with the events.
  const jsm = await jetstreamManager(operator);
  for (let waited = 0; waited < 120_000; waited += 250) {
    const decided = Object.values(
      (await jsm.streams.info(streams.events, { subjects_filter: subjects.decisionsAll })).state.subjects ?? {},
    ).reduce((a, b) => a + b, 0);
    if (decided === NOTICES && sample(await scrape('audit'), 'accord_consumer_pending', { consumer: 'audit-writer' }) === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the run did not finish within 2 minutes');
}, 240_000);

afterAll(async () => {
  await operator?.close();
  await stackDown(dir).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

test(`ingest's counters match what was sent: ${NOTICES} received, the good accepted, the bad quarantined by code`, async () => {
  const text = await scrape('ingest');
  expect({
    received: sample(text, 'accord_submissions_received_total'),
    accepted: sample(text, 'accord_submissions_accepted_total'),
    unknownKid: sample(text, 'accord_submissions_quarantined_total', { code: 'E_UNKNOWN_KID' }),
  }).toEqual({ received: NOTICES, accepted: sent.good, unknownKid: sent.bad });
});

test("redaction's deliveries by agency match each inbox's count in the deliveries stream", async () => {
  const text = await scrape('redaction');
  const info = await (await jetstreamManager(operator)).streams.info(streams.deliveries, { subjects_filter: subjects.deliverAll });
  const stored = Object.entries(info.state.subjects ?? {}).map(
    ([subject, n]) => [parseSubject.deliver(subject)?.agency ?? subject, n] as const,
  );
  expect(stored.length).toBeGreaterThan(0);
  for (const [agency, n] of stored) expect(sample(text, 'accord_deliveries_total', { agency }), agency).toBe(n);
});

test("the audit chain's height is the number of records an auditor replays", async () => {
  const replayed = async (): Promise<number> => {
    let records = 0;
    await readAuditRecords(jetstream(operator), await jetstreamManager(operator), () => void (records += 1));
    return records;
  };
  // A timed checkpoint may be appended meanwhile: the height lies between the two replays.
  const before = await replayed();
  const text = await scrape('audit');
  const after = await replayed();
  const height = sample(text, 'accord_audit_chain_height');
  expect(height).toBeGreaterThanOrEqual(before);
  expect(height).toBeLessThanOrEqual(after);
  expect(sample(text, 'accord_audit_checkpoint_age_seconds')).toBeGreaterThanOrEqual(0);
});

test('every service answers /healthz and /readyz with 200 and exposes stage latency', async () => {
  for (const service of ['ingest', 'routing', 'redaction', 'audit']) {
    const port = readStackState(stackLayout(dir))?.httpPorts?.[service];
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status, service).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status, service).toBe(200);
  }
  for (const stage of ['ingest', 'routing', 'redaction']) {
    expect(sample(await scrape(stage), 'accord_stage_duration_seconds_count', { stage }), stage).toBeGreaterThanOrEqual(sent.good);
  }
});
