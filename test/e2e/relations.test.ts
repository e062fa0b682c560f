/**
 * Relations through a live stack: a reply reaches the requester naming its request, an
 * update supersedes a notice for its recipients (a tombstone for the one no longer
 * entitled), a withdrawal leaves every earlier recipient a tombstone and erases the
 * withdrawn views from the deliveries stream; ingest refuses each relation the publisher
 * may not make (E_RELATION), and a relation is named only to agencies that received the
 * notice it names.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { streams } from '../../libs/bus/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { messageToJson, timestampFromDate, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { awaitDecision, deliveredViews, waitForAuditCount, waitForAuditRecord } from '../harness/bus-readers.js';
import { runCli as accord } from '../harness/run-cli.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type AgencySpec, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';

let bus: TestBus;
let services: TestServices;
const agencies = new Map<string, TestAgency>();

/** Publishes as `agency`, waits for ingest's decision, and for a delivered one until the register has it. */
async function publish(agency: string, notice: CaseNoticeProps): Promise<v1.Decision> {
  const key = agencies.get(agency)?.key;
  if (!key) throw new Error(`no agency ${agency}`);
  const { seq } = await publishSubmission(bus.js, agency, notice.noticeId ?? '', await signNotice(notice, key));
  return awaitDecision(bus.nc, agency, seq, 20_000);
}

async function accepted(agency: string, notice: CaseNoticeProps): Promise<string> {
  const decision = await publish(agency, notice);
  expect(decision.status, `${decision.code} ${decision.path}`).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  return notice.noticeId ?? '';
}

const relation = (kind: v1.RelationKind, noticeId: string, withdrawalCode = 0): v1.Relation.$Properties => ({
  kind,
  noticeId,
  withdrawalCode,
});

const viewsOf = async (agency: string, noticeId: string) =>
  (await deliveredViews(bus, agency)).filter((v) => (v.view.core?.noticeId ?? v.view.tombstone?.byNoticeId) === noticeId);

function withdrawalOf(noticeId: string, reason: string): CaseNoticeProps {
  return {
    noticeId: randomUUID(),
    issuingAgency: 'it-police',
    issuedAt: timestampFromDate(new Date()),
    caseRef: `withdrawal of ${noticeId}`,
    type: v1.NoticeType.CASE_UPDATE,
    tlp: v1.Tlp.RED,
    mode: v1.Mode.LAND,
    route: { destination: ['IT'] },
    summary: reason,
    relations: [relation(v1.RelationKind.WITHDRAWAL, noticeId, v1.WithdrawalCode.WRONG_PERSON)],
  };
}

// N1: it-police's GREEN request, to ly-coastguard and gr-coastguard (same group); tn-border
// joins after it, so it never receives N1; fr-police shares no group with anyone.
let n1 = '';
let reply = '';

beforeAll(async () => {
  bus = await startTestBus();
  const specs: AgencySpec[] = [
    { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] },
    { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] },
    { id: 'gr-coastguard', country: 'GR', role: 'coastguard', groups: ['med'] },
    { id: 'fr-police', country: 'FR', role: 'police', groups: ['atl'] },
  ];
  for (const spec of specs) agencies.set(spec.id, await registerAgency(bus, spec));
  services = await startTestServices(bus);
  n1 = await accepted(
    'it-police',
    sampleNotice('it-police', { type: v1.NoticeType.REQUEST_FOR_INFORMATION, tlp: v1.Tlp.GREEN, addressees: ['ly-coastguard'] }),
  );
  agencies.set('tn-border', await registerAgency(bus, { id: 'tn-border', country: 'TN', role: 'border-guard', groups: ['med'] }));
  reply = await accepted(
    'ly-coastguard',
    sampleNotice('ly-coastguard', {
      tlp: v1.Tlp.GREEN,
      addressees: ['it-police'],
      summary: 'Sighted again off Sabratha.',
      relations: [relation(v1.RelationKind.REPLY, n1)],
    }),
  );
}, 120_000);

const files = mkdtempSync(join(tmpdir(), 'accord-relations-'));

const noticeFile = (name: string, notice: CaseNoticeProps): string => {
  const file = join(files, name);
  writeFileSync(file, JSON.stringify(messageToJson('accord.v1.CaseNotice', notice)));
  return file;
};

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
  rmSync(files, { recursive: true, force: true });
});

describe('a reply', () => {
  test('reaches the requester, naming its request', async () => {
    const [view] = await viewsOf('it-police', reply);
    const named = view?.elements.filter((e) => e.relation).map((e) => e.relation);
    expect(named).toEqual([expect.objectContaining({ kind: v1.RelationKind.REPLY, noticeId: n1 })]);
  });

  test('names the request to another recipient that received it', async () => {
    const [view] = await viewsOf('gr-coastguard', reply);
    expect(view?.elements.some((e) => e.relation?.noticeId === n1)).toBe(true);
  });

  test('does not name it to a recipient that never received it: not the id, only that a relation is withheld', async () => {
    const [view] = await viewsOf('tn-border', reply);
    expect(view).toBeDefined();
    expect(Buffer.from(view?.raw ?? []).includes(Buffer.from(n1))).toBe(false);
    expect(view?.view.withheld.filter((w) => w.category === 'relation')).toHaveLength(1);
  });
});

describe('relations ingest refuses (E_RELATION, with the path)', () => {
  test.each([
    [
      'a reply to a notice the publisher never received',
      'fr-police',
      () => ({ addressees: ['it-police'], relations: [relation(1, n1)] }),
      'relations[0].noticeId',
    ],
    ['a reply not addressed to the requester', 'ly-coastguard', () => ({ addressees: [], relations: [relation(1, n1)] }), 'addressees'],
    ['an update by another agency than the issuer', 'ly-coastguard', () => ({ relations: [relation(2, n1)] }), 'relations[0].noticeId'],
    [
      'a relation to a notice the bus never delivered',
      'it-police',
      () => ({ relations: [relation(1, randomUUID())] }),
      'relations[0].noticeId',
    ],
  ] as const)('%s', async (_what, agency, overrides, path) => {
    const decision = await publish(agency, sampleNotice(agency, { tlp: v1.Tlp.GREEN, ...overrides() }));
    expect(decision).toMatchObject({ status: v1.DecisionStatus.DECISION_QUARANTINED, code: 'E_RELATION', path });
  });

  test('a withdrawal by another agency than the issuer', async () => {
    const withdrawal = { ...withdrawalOf(n1, 'not mine'), issuingAgency: 'ly-coastguard' };
    expect(await publish('ly-coastguard', withdrawal)).toMatchObject({ code: 'E_RELATION', path: 'relations[0].noticeId' });
  });
});

describe('an update', () => {
  let n2 = '';

  beforeAll(async () => {
    // The new version narrows the notice to its addressee: gr-coastguard is no longer entitled.
    n2 = await accepted(
      'it-police',
      sampleNotice('it-police', { tlp: v1.Tlp.RED, addressees: ['ly-coastguard'], relations: [relation(v1.RelationKind.UPDATE, n1)] }),
    );
  }, 60_000);

  test('a recipient entitled to the new version gets it, naming the version it supersedes', async () => {
    const [view] = await viewsOf('ly-coastguard', n2);
    expect(view?.elements.filter((e) => e.relation).map((e) => e.relation)).toEqual([
      expect.objectContaining({ kind: v1.RelationKind.UPDATE, noticeId: n1 }),
    ]);
  });

  test('a recipient no longer entitled gets a tombstone for the version it holds, nothing of the new one', async () => {
    const [tombstone] = await viewsOf('gr-coastguard', n2);
    expect(tombstone?.view.core).toBeNull();
    expect(tombstone?.view.tombstone).toMatchObject({ kind: v1.RelationKind.UPDATE, byNoticeId: n2, noticeIds: [n1] });
    expect(tombstone?.view.tombstone?.reason).toBe('');
  });

  test('an agency that never received a version gets nothing', async () => {
    expect(await viewsOf('tn-border', n2)).toEqual([]);
  });

  test('policy explain says, for a draft of the next version, to whom its relation is named and who gets a tombstone', async () => {
    const draft = sampleNotice('it-police', {
      tlp: v1.Tlp.RED,
      addressees: ['ly-coastguard'],
      relations: [relation(v1.RelationKind.UPDATE, n2)],
    });
    const policy = join(packageRoot(), 'policies', 'default.yaml');
    const run = await accord('policy', 'explain', '--policy', policy, noticeFile('draft.json', draft), '--dir', bus.dir, '--json');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      relations: [{ kind: 'UPDATE', noticeId: n2, namedTo: ['ly-coastguard'] }],
      tombstones: [{ recipient: 'gr-coastguard', noticeIds: [n1] }],
      erasures: 0,
    });
  });

  test('an earlier version can no longer be updated: only the latest', async () => {
    const again = sampleNotice('it-police', { tlp: v1.Tlp.GREEN, relations: [relation(v1.RelationKind.UPDATE, n1)] });
    expect(await publish('it-police', again)).toMatchObject({ code: 'E_RELATION', path: 'relations[0].noticeId' });
  });
});

describe('a withdrawal', () => {
  let n2 = '';
  let withdrawal = '';
  const n1Seqs: number[] = [];

  beforeAll(async () => {
    n1Seqs.push(
      ...(await waitForAuditCount(bus, (r) => r.event?.kind === v1.AuditKind.DELIVERED && r.event.noticeId === n1, 2)).map((r) =>
        Number(r.event?.deliverySeq),
      ),
    );
    const updated = await waitForAuditRecord(
      bus,
      (r) => r.event?.kind === v1.AuditKind.ACCEPTED && (r.event.related ?? []).includes(`UPDATE:${n1}`),
    );
    n2 = updated.event?.noticeId ?? '';
    withdrawal = await accepted('it-police', withdrawalOf(n2, 'Named the wrong skipper; his phone +218 91 555 0101 is not his.'));
    await waitForAuditCount(bus, (r) => r.event?.kind === v1.AuditKind.ERASED, 3);
  }, 90_000);

  test('reaches no agency that never received a version', async () => {
    expect(await viewsOf('tn-border', withdrawal)).toEqual([]);
  });

  test('the withdrawal reaches every earlier recipient as a tombstone naming the versions it received', async () => {
    const [ly] = await viewsOf('ly-coastguard', withdrawal);
    const [gr] = await viewsOf('gr-coastguard', withdrawal);
    expect(ly?.view.tombstone).toMatchObject({
      kind: v1.RelationKind.WITHDRAWAL,
      noticeIds: [n1, n2],
      withdrawalCode: v1.WithdrawalCode.WRONG_PERSON,
    });
    expect(gr?.view.tombstone).toMatchObject({ kind: v1.RelationKind.WITHDRAWAL, noticeIds: [n1] });
  });

  test("the tombstone's reason is scrubbed of the identifiers in it", async () => {
    const [ly] = await viewsOf('ly-coastguard', withdrawal);
    expect(ly?.view.tombstone?.reason).toContain('Named the wrong skipper');
    expect(ly?.view.tombstone?.reason).not.toMatch(/555|0101/);
  });

  test('the withdrawn views are gone from the deliveries stream, and their erasure is in the audit stream', async () => {
    expect(await viewsOf('ly-coastguard', n1)).toEqual([]);
    expect(await viewsOf('gr-coastguard', n1)).toEqual([]);
    for (const seq of n1Seqs) expect(await bus.jsm.streams.getMessage(streams.deliveries, { seq })).toBeNull();
    const erased = await waitForAuditCount(bus, (r) => r.event?.kind === v1.AuditKind.ERASED, 3);
    expect(erased.map((r) => `${r.event?.noticeId}/${r.event?.recipient}`).sort()).toEqual(
      [`${n1}/gr-coastguard`, `${n1}/ly-coastguard`, `${n2}/ly-coastguard`].sort(),
    );
  });

  test("the issuer's track shows whose views the withdrawal erased", async () => {
    const run = await accord('track', n1, '--as', 'it-police', '--dir', bus.dir, '--json');
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { erasedFrom: string[] }).erasedFrom.sort((a, b) => a.localeCompare(b))).toEqual([
      'gr-coastguard',
      'ly-coastguard',
    ]);
  });

  test('the tombstone of the earlier update stays', async () => {
    expect(await viewsOf('gr-coastguard', n2)).toHaveLength(1);
  });

  test('a withdrawn notice can no longer be replied to, updated or withdrawn', async () => {
    const replyLate = sampleNotice('ly-coastguard', { tlp: v1.Tlp.GREEN, addressees: ['it-police'], relations: [relation(1, n2)] });
    expect(await publish('ly-coastguard', replyLate)).toMatchObject({ code: 'E_RELATION', path: 'relations[0].noticeId' });
    const updateLate = sampleNotice('it-police', { tlp: v1.Tlp.GREEN, relations: [relation(2, n2)] });
    expect(await publish('it-police', updateLate)).toMatchObject({ code: 'E_RELATION', path: 'relations[0].noticeId' });
  });
});

describe("the CLI's verbs: accord reply, update and withdraw", () => {
  const published = (run: { stdout: string }): string => (JSON.parse(run.stdout) as { noticeId: string }).noticeId;
  let request = '';

  beforeAll(async () => {
    const file = noticeFile('request.json', sampleNotice('it-police', { tlp: v1.Tlp.AMBER, addressees: ['ly-coastguard'] }));
    const run = await accord('publish', '--as', 'it-police', file, '--dir', bus.dir, '--wait', '--json');
    expect(run.status, run.stderr).toBe(0);
    request = published(run);
    // The coastguard's own store then holds the request, so the reply finds whom to address.
    const inbox = await accord('inbox', '--as', 'ly-coastguard', '--dir', bus.dir, '--json');
    expect(inbox.status, inbox.stderr).toBe(0);
  }, 60_000);

  test('a reply, addressed to the requester from the store, is accepted and names the request to it', async () => {
    const { addressees: _none, ...reply } = sampleNotice('ly-coastguard', { tlp: v1.Tlp.RED, summary: 'Intercepted at dawn.' });
    const run = await accord(
      'reply',
      '--as',
      'ly-coastguard',
      request,
      noticeFile('reply.json', reply),
      '--dir',
      bus.dir,
      '--wait',
      '--json',
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('it-police');
    const [view] = await viewsOf('it-police', published(run));
    expect(view?.elements.some((e) => e.relation?.kind === v1.RelationKind.REPLY && e.relation.noticeId === request)).toBe(true);
  });

  test('an update by another agency is quarantined E_RELATION, exit 4', async () => {
    const file = noticeFile('not-mine.json', sampleNotice('ly-coastguard', { tlp: v1.Tlp.GREEN }));
    const run = await accord('update', '--as', 'ly-coastguard', request, file, '--dir', bus.dir, '--wait');
    expect(run.status).toBe(4);
    expect(run.stdout).toContain('quarantined: E_RELATION at relations[0].noticeId');
  });

  test("the issuer's update, made from the original file, is a new version naming the old one", async () => {
    const original = sampleNotice('it-police', { noticeId: request, tlp: v1.Tlp.AMBER, addressees: ['ly-coastguard'], migrantCount: 47 });
    const run = await accord(
      'update',
      '--as',
      'it-police',
      request,
      noticeFile('update.json', original),
      '--dir',
      bus.dir,
      '--wait',
      '--json',
    );
    expect(run.status, run.stderr).toBe(0);
    const version = published(run);
    expect(version).not.toBe(request);
    const [view] = await viewsOf('ly-coastguard', version);
    expect(view?.view.core?.migrantCount).toBe(47);
    expect(view?.elements.some((e) => e.relation?.kind === v1.RelationKind.UPDATE && e.relation.noticeId === request)).toBe(true);
  });

  test("the issuer's withdrawal of the latest version leaves the coastguard a tombstone for both", async () => {
    const latest = (await waitForAuditRecord(bus, (r) => (r.event?.related ?? []).includes(`UPDATE:${request}`))).event?.noticeId ?? '';
    const run = await accord(
      'withdraw',
      '--as',
      'it-police',
      latest,
      '--reason',
      'Duplicate of an earlier alert.',
      '--code',
      'DUPLICATE_NOTICE',
      '--dir',
      bus.dir,
      '--wait',
      '--json',
    );
    expect(run.status, run.stderr).toBe(0);
    const [tombstone] = await viewsOf('ly-coastguard', published(run));
    expect(tombstone?.view.tombstone).toMatchObject({
      kind: v1.RelationKind.WITHDRAWAL,
      noticeIds: [request, latest],
      withdrawalCode: v1.WithdrawalCode.DUPLICATE_NOTICE,
      reason: 'Duplicate of an earlier alert.',
    });
  });
});
