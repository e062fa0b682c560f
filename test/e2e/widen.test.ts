/**
 * Requests to widen through a live stack: a recipient asks the issuer for a category it
 * was not granted; the issuer releases it with its own signature and the bus delivers a
 * supplementary view that the recipient verifies, or the issuer refuses. The bus refuses a
 * release not signed by the issuer, expired, made for another recipient, or against the
 * engine's invariants; every step is in the audit stream.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listWiden, publishSubmission, refuseWiden, releaseWiden, requestWiden, signNotice, signRelease } from '../../libs/client/index.js';
import { messageToJson, timestampFromDate, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import type { SigningKey } from '../../libs/signing/index.js';
import { awaitDecision, deliveredViews, waitForAuditCount } from '../harness/bus-readers.js';
import { runCli as accord } from '../harness/run-cli.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type AgencySpec, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';

let bus: TestBus;
let services: TestServices;
const agencies = new Map<string, TestAgency>();
const adapters = new Map<string, NatsConnection>();
const signed = new Map<string, Uint8Array>();
const DAY = 86_400_000;

const keyOf = (agency: string): SigningKey => {
  const key = agencies.get(agency)?.key;
  if (!key) throw new Error(`no agency ${agency}`);
  return key;
};
const adapter = (agency: string): NatsConnection => {
  const nc = adapters.get(agency);
  if (!nc) throw new Error(`no adapter ${agency}`);
  return nc;
};

/** Publishes as the issuer and keeps what it signed, as `accord publish` does. */
async function published(notice: CaseNoticeProps): Promise<string> {
  const submission = await signNotice(notice, keyOf('it-police'));
  signed.set(notice.noticeId ?? '', submission);
  const { seq } = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', submission);
  expect((await awaitDecision(bus.nc, 'it-police', seq, 20_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  await waitForAuditCount(bus, (r) => r.event?.kind === v1.AuditKind.DELIVERED && r.event.noticeId === notice.noticeId, 1);
  return notice.noticeId ?? '';
}

const ask = (agency: string, noticeId: string, categories: string[], reason = 'To match the skipper against our own records.') =>
  requestWiden(adapter(agency), agency, { requestId: randomUUID(), noticeId, categories, reason }, 10_000);

async function releaseOf(
  record: v1.WidenRecord,
  overrides: Partial<v1.Release.$Properties> = {},
  key: SigningKey = keyOf('it-police'),
): Promise<v1.ReleaseSubmission.$Properties> {
  const terms = {
    requestId: record.requestId,
    noticeId: record.noticeId,
    recipient: record.requester,
    categories: record.categories,
    expiresAt: timestampFromDate(new Date(Date.now() + 7 * DAY)),
    ...overrides,
  };
  return { ...(await signRelease(terms, key)), signedNotice: signed.get(record.noticeId) ?? new Uint8Array() };
}

const refusalOf = (promise: Promise<unknown>): Promise<{ code?: string; message?: string }> =>
  promise.then(
    () => ({}),
    (error: { code: string; message: string }) => error,
  );

const viewsOf = async (agency: string, noticeId: string) =>
  (await deliveredViews(bus, agency)).filter((v) => v.view.core?.noticeId === noticeId);

let original: CaseNoticeProps;
let notice = '';
let protectedNotice = '';
const files = mkdtempSync(join(tmpdir(), 'accord-widen-'));

beforeAll(async () => {
  bus = await startTestBus();
  const specs: AgencySpec[] = [
    { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] },
    { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] },
    // Off the route (NE, LY, IT): granted no smuggler's identity by the default policy.
    { id: 'gr-coastguard', country: 'GR', role: 'coastguard', groups: ['med'] },
    { id: 'fr-police', country: 'FR', role: 'police', groups: ['atl'] },
  ];
  for (const spec of specs) {
    agencies.set(spec.id, await registerAgency(bus, spec));
    adapters.set(spec.id, await bus.connectAs({ kind: 'adapter', agency: spec.id }));
  }
  services = await startTestServices(bus);
  original = sampleNotice('it-police', { tlp: v1.Tlp.GREEN, addressees: ['ly-coastguard'] });
  notice = await published(original);
  protectedNotice = await published(
    sampleNotice('it-police', { tlp: v1.Tlp.GREEN, caveats: [v1.Caveat.WITNESS_PROTECTION], addressees: ['ly-coastguard'] }),
  );
}, 120_000);

afterAll(async () => {
  for (const nc of adapters.values()) await nc.close();
  await services?.stop();
  await bus?.dispose();
  rmSync(files, { recursive: true, force: true });
});

describe('a request released', () => {
  let record: v1.WidenRecord;
  let released: v1.WidenRecord;

  beforeAll(async () => {
    record = await ask('gr-coastguard', notice, ['smuggler.identity']);
    released = await releaseWiden(adapter('it-police'), 'it-police', await releaseOf(record), 10_000);
  }, 60_000);

  test('the issuer lists it, addressed to it, with the reason', async () => {
    const listed = (await listWiden(adapter('it-police'), 'it-police', 10_000)).find((r) => r.requestId === record.requestId);
    expect(listed).toMatchObject({ requester: 'gr-coastguard', issuer: 'it-police', categories: ['smuggler.identity'] });
    expect(listed?.reason).toContain('match the skipper');
  });

  test('the requester gets a supplementary view with the released category, which it verifies', async () => {
    const views = await viewsOf('gr-coastguard', notice);
    const supplementary = views.find((v) => v.view.supplement?.requestId === record.requestId);
    expect(supplementary?.view.grantedCategories).toContain('smuggler.identity');
    expect(supplementary?.elements.some((e) => e.personIdentity?.fullName === 'Kamal Haddad' && !e.derived)).toBe(true);
  });

  test("the requester's first view stays as it was: without the identity", async () => {
    const [first] = (await viewsOf('gr-coastguard', notice)).filter((v) => !v.view.supplement);
    expect(first?.view.grantedCategories).not.toContain('smuggler.identity');
  });

  test('the request is RELEASED, and releasing it again with the same release delivers nothing more', async () => {
    expect(released.status).toBe(v1.WidenStatus.RELEASED);
    const again = await releaseWiden(adapter('it-police'), 'it-police', await releaseOf(record), 10_000).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'E_CONFLICT' });
    expect((await viewsOf('gr-coastguard', notice)).filter((v) => v.view.supplement)).toHaveLength(1);
  });

  test('the audit stream records the request, the release and the delivery', async () => {
    const records = await waitForAuditCount(bus, (r) => r.event?.requestId === record.requestId, 4);
    expect(records).toHaveLength(4);
    expect(new Set(records.map((r) => r.event?.kind))).toEqual(
      new Set([v1.AuditKind.WIDEN_REQUESTED, v1.AuditKind.WIDEN_RELEASED, v1.AuditKind.VIEW, v1.AuditKind.DELIVERED]),
    );
  });
});

describe("the issuer's track", () => {
  test('shows each request with its answer, and the supplementary view released on one', async () => {
    await waitForAuditCount(bus, (r) => r.event?.kind === v1.AuditKind.WIDEN_RELEASED && r.event.noticeId === notice, 1);
    const run = await accord('track', notice, '--as', 'it-police', '--dir', bus.dir, '--json');
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      widen: { requester: string; categories: string[]; status: string }[];
      deliveries: { recipient: string; requestId?: string; categories: string[] }[];
    };
    expect(report.widen).toContainEqual(
      expect.objectContaining({ requester: 'gr-coastguard', categories: ['smuggler.identity'], status: 'released' }),
    );
    const supplementary = report.deliveries.find((d) => d.recipient === 'gr-coastguard' && d.requestId);
    expect(supplementary?.categories).toContain('smuggler.identity');
  });

  test('policy explain lists the requests to widen the notice with their answers', async () => {
    const file = join(files, 'notice.json');
    writeFileSync(file, JSON.stringify(messageToJson('accord.v1.CaseNotice', original)));
    const run = await accord(
      'policy',
      'explain',
      '--policy',
      join(packageRoot(), 'policies', 'default.yaml'),
      file,
      '--dir',
      bus.dir,
      '--json',
    );
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { requests: unknown[] }).requests).toContainEqual(
      expect.objectContaining({ requester: 'gr-coastguard', categories: ['smuggler.identity'], status: 'released' }),
    );
  });
});

describe('a request refused', () => {
  test("is REFUSED with the issuer's word, delivers nothing, and is in the audit stream", async () => {
    const record = await ask('gr-coastguard', notice, ['financial']);
    const refused = await refuseWiden(
      adapter('it-police'),
      'it-police',
      { requestId: record.requestId, refusal: 'Not before the arrest.' },
      10_000,
    );
    expect(refused).toMatchObject({ status: v1.WidenStatus.REFUSED, refusal: 'Not before the arrest.' });
    expect((await viewsOf('gr-coastguard', notice)).filter((v) => v.view.supplement?.requestId === record.requestId)).toEqual([]);
    await waitForAuditCount(bus, (r) => r.event?.requestId === record.requestId && r.event.kind === v1.AuditKind.WIDEN_REFUSED, 1);
  });

  test('can then no longer be released', async () => {
    const record = await ask('gr-coastguard', notice, ['conveyance']);
    await refuseWiden(adapter('it-police'), 'it-police', { requestId: record.requestId, refusal: '' }, 10_000);
    const refusal = await refusalOf(releaseWiden(adapter('it-police'), 'it-police', await releaseOf(record), 10_000));
    expect(refusal.code).toBe('E_CONFLICT');
  });
});

describe('requests the bus does not take (E_WIDEN_INVALID)', () => {
  test('about a notice the requester never received', async () => {
    expect(await refusalOf(ask('fr-police', notice, ['summary']))).toMatchObject({ code: 'E_WIDEN_INVALID' });
  });

  test('for a category granted already', async () => {
    expect(await refusalOf(ask('gr-coastguard', notice, ['person.profile']))).toMatchObject({ code: 'E_WIDEN_INVALID' });
  });
});

describe('releases the bus refuses', () => {
  test('not signed by the issuer: E_RELEASE_SIGNATURE', async () => {
    const record = await ask('gr-coastguard', notice, ['location.precise']);
    const forged = await releaseOf(record, {}, keyOf('ly-coastguard'));
    expect(await refusalOf(releaseWiden(adapter('it-police'), 'it-police', forged, 10_000))).toMatchObject({ code: 'E_RELEASE_SIGNATURE' });
  });

  test('expired: E_RELEASE_EXPIRED', async () => {
    const record = await ask('gr-coastguard', notice, ['location.precise']);
    const stale = await releaseOf(record, { expiresAt: timestampFromDate(new Date(Date.now() - DAY)) });
    expect(await refusalOf(releaseWiden(adapter('it-police'), 'it-police', stale, 10_000))).toMatchObject({ code: 'E_RELEASE_EXPIRED' });
  });

  test('made for another recipient: E_RELEASE_MISMATCH', async () => {
    const record = await ask('gr-coastguard', notice, ['location.precise']);
    const elsewhere = await releaseOf(record, { recipient: 'ly-coastguard' });
    expect(await refusalOf(releaseWiden(adapter('it-police'), 'it-police', elsewhere, 10_000))).toMatchObject({
      code: 'E_RELEASE_MISMATCH',
    });
  });

  test("a protected witness's identity to anyone but the addressed prosecutors: E_RELEASE_FORBIDDEN, naming the invariant", async () => {
    const record = await ask('gr-coastguard', protectedNotice, ['witness.identity']);
    const refusal = await refusalOf(releaseWiden(adapter('it-police'), 'it-police', await releaseOf(record), 10_000));
    expect(refusal.code).toBe('E_RELEASE_FORBIDDEN');
    expect(refusal.message).toContain('witness');
    expect((await viewsOf('gr-coastguard', protectedNotice)).filter((v) => v.view.supplement)).toEqual([]);
  });

  test('answered by another agency than the issuer: E_FORBIDDEN', async () => {
    const record = await ask('gr-coastguard', notice, ['location.precise']);
    const refusal = await refusalOf(
      refuseWiden(adapter('ly-coastguard'), 'ly-coastguard', { requestId: record.requestId, refusal: '' }, 10_000),
    );
    expect(refusal.code).toBe('E_FORBIDDEN');
  });
});

describe("the CLI's verbs: accord widen request, list, release and refuse", () => {
  let noticeId = '';
  const json = <T>(run: { status: number | null; stdout: string; stderr: string }): T => {
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as T;
  };
  const request = async (category: string): Promise<string> =>
    json<{ requestId: string }>(
      await accord(
        'widen',
        'request',
        '--as',
        'gr-coastguard',
        noticeId,
        '--category',
        category,
        '--reason',
        'For the crew list.',
        '--dir',
        bus.dir,
        '--json',
      ),
    ).requestId;

  beforeAll(async () => {
    const file = join(files, 'published.json');
    writeFileSync(file, JSON.stringify(messageToJson('accord.v1.CaseNotice', sampleNotice('it-police', { tlp: v1.Tlp.GREEN }))));
    noticeId = json<{ noticeId: string }>(
      await accord('publish', '--as', 'it-police', file, '--dir', bus.dir, '--wait', '--json'),
    ).noticeId;
  }, 60_000);

  test('a request the issuer lists and releases reaches the requester as a supplementary view', async () => {
    const requestId = await request('conveyance');
    const listed = json<{ requests: { requestId: string; status: string }[] }>(
      await accord('widen', 'list', '--as', 'it-police', '--dir', bus.dir, '--json'),
    );
    expect(listed.requests).toContainEqual(expect.objectContaining({ requestId, status: 'PENDING' }));
    const released = json<{ status: string }>(
      await accord('widen', 'release', '--as', 'it-police', requestId, '--expires', '2d', '--dir', bus.dir, '--json'),
    );
    expect(released.status).toBe('RELEASED');
    const supplementary = (await viewsOf('gr-coastguard', noticeId)).find((v) => v.view.supplement?.requestId === requestId);
    expect(supplementary?.elements.some((e) => e.conveyance?.identifier === 'grey rubber boat')).toBe(true);
  });

  test("a refusal reaches the requester with the issuer's word", async () => {
    const requestId = await request('financial');
    json(await accord('widen', 'refuse', '--as', 'it-police', requestId, '--reason', 'Not before the arrest.', '--dir', bus.dir, '--json'));
    const mine = json<{ requests: { requestId: string; status: string; refusal?: string }[] }>(
      await accord('widen', 'list', '--as', 'gr-coastguard', '--dir', bus.dir, '--json'),
    );
    expect(mine.requests).toContainEqual(expect.objectContaining({ requestId, status: 'REFUSED', refusal: 'Not before the arrest.' }));
  });

  test('a notice not published from this folder (the library published it) cannot be released: exit 1, saying where the copy would be', async () => {
    const requestId = (await ask('gr-coastguard', notice, ['conveyance'])).requestId;
    const run = await accord('widen', 'release', '--as', 'it-police', requestId, '--dir', bus.dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('only notices published from this folder can be released');
  });
});
