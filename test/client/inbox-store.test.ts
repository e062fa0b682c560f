/** The CLI's local store of views: withdrawals delete content from disk, updates mark the versions they supersede. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { InboxStore, isWithdrawn, verifySignedView, type VerifiedView } from '../../libs/client/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { busSigned, deliveredView, parties, tombstoneView, type Parties } from '../harness/view-fixture.js';
import { sampleNotice } from '../harness/sample-notice.js';

const RECIPIENT = 'ly-coastguard';
let p: Parties;
const dirs: string[] = [];

beforeAll(async () => {
  p = await parties();
});

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store(): { store: InboxStore; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'accord-inbox-store-'));
  dirs.push(dir);
  return { store: new InboxStore(dir), dir };
}

interface Delivery {
  signed: Uint8Array;
  verified: VerifiedView;
}

/** A view the bus signed for the recipient, verified as `accord inbox` does; its relations name `related`. */
async function view(notice: CaseNoticeProps, related: string[] = []): Promise<Delivery> {
  const delivered = await deliveredView(p, notice, ['person.profile', 'smuggler.identity', 'summary'], RECIPIENT, related);
  const signed = await busSigned(p, delivered);
  return { signed, verified: await verifySignedView(signed, p.busKey, RECIPIENT, p.originators) };
}

async function tombstone(t: Parameters<typeof tombstoneView>[0]): Promise<Delivery> {
  const signed = await busSigned(p, tombstoneView(t, RECIPIENT));
  return { signed, verified: await verifySignedView(signed, p.busKey, RECIPIENT, p.originators) };
}

/** Every byte the store wrote, every file of every folder. */
function everything(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => readFileSync(join(f.parentPath, f.name), 'utf8'))
    .join('\n');
}

const withdrawal = (byNoticeId: string, noticeIds: string[]) => ({
  kind: v1.RelationKind.WITHDRAWAL,
  byNoticeId,
  noticeIds,
  withdrawalCode: v1.WithdrawalCode.WRONG_PERSON,
  reason: 'The suspect named is not the one we meant.',
});

describe('a withdrawal in the CLI store', () => {
  test('deletes the content of every version it names from disk, signed bytes included, and keeps what it was', async () => {
    const { store: s, dir } = store();
    const first = sampleNotice('it-police');
    const second = sampleNotice('it-police', { relations: [{ kind: v1.RelationKind.UPDATE, noticeId: first.noticeId ?? '' }] });
    const other = sampleNotice('it-police');
    const a = await view(first);
    const b = await view(second, [first.noticeId ?? '']);
    s.save(1, a.signed, a.verified);
    s.save(2, b.signed, b.verified);
    s.save(3, (await view(other)).signed, (await view(other)).verified);
    const signedBefore = Buffer.from(a.signed).toString('base64');
    expect(everything(dir)).toContain('Kamal Haddad');

    const withdrawnBy = randomUUID();
    const t = await tombstone(withdrawal(withdrawnBy, [first.noticeId ?? '', second.noticeId ?? '']));
    s.saveTombstone(4, t.signed, t.verified);

    const entries = s.entries();
    expect(entries.map((e) => [e.deliverySeq, isWithdrawn(e)])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    const [left] = entries;
    expect(Object.keys(left ?? {}).sort()).toEqual(['deliverySeq', 'noticeId', 'storedAt', 'withdrawn']);
    expect(left).toMatchObject({
      noticeId: first.noticeId,
      withdrawn: { byNoticeId: withdrawnBy, issuingAgency: 'it-police', withdrawalCode: 'WRONG_PERSON', reason: expect.any(String) },
    });
    const files = readdirSync(join(dir, 'views')).map((f) => readFileSync(join(dir, 'views', f), 'utf8'));
    expect(files.slice(0, 2).join('')).not.toContain('Kamal Haddad');
    expect(files.slice(0, 2).join('')).not.toContain(signedBefore.slice(0, 64));
    // The notice not withdrawn keeps its content; no temporary copy of the old files is left.
    expect(files[2]).toContain('Kamal Haddad');
    expect(readdirSync(join(dir, 'views')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('keeps the tombstone itself, with the code by name and the reason as the bus scrubbed it', async () => {
    const { store: s } = store();
    const notice = sampleNotice('it-police');
    const v = await view(notice);
    s.save(1, v.signed, v.verified);
    const by = randomUUID();
    const t = await tombstone(withdrawal(by, [notice.noticeId ?? '']));
    s.saveTombstone(2, t.signed, t.verified);
    expect(s.tombstones()).toMatchObject([
      {
        deliverySeq: 2,
        tombstone: {
          kind: 'WITHDRAWAL',
          byNoticeId: by,
          noticeIds: [notice.noticeId],
          withdrawalCode: 'WRONG_PERSON',
          reason: 'The suspect named is not the one we meant.',
          issuedAt: '2026-12-03T09:00:00Z',
        },
      },
    ]);
    expect(s.list()).toEqual([]);
  });

  test('a tombstone naming a notice never stored is kept, and that notice coming after it is stored without content', async () => {
    const { store: s } = store();
    const notice = sampleNotice('it-police');
    const t = await tombstone(withdrawal(randomUUID(), [notice.noticeId ?? '']));
    expect(() => s.saveTombstone(1, t.signed, t.verified)).not.toThrow();
    expect(s.tombstones()).toHaveLength(1);
    expect(s.entries()).toEqual([]);
    const late = await view(notice);
    expect(isWithdrawn(s.save(2, late.signed, late.verified))).toBe(true);
    expect(JSON.stringify(s.entries())).not.toContain('Kamal Haddad');
  });

  test('a view redelivered after its withdrawal stays withdrawn', async () => {
    const { store: s } = store();
    const notice = sampleNotice('it-police');
    const v = await view(notice);
    s.save(1, v.signed, v.verified);
    const t = await tombstone(withdrawal(randomUUID(), [notice.noticeId ?? '']));
    s.saveTombstone(2, t.signed, t.verified);
    s.save(1, v.signed, v.verified);
    expect(s.entries().map(isWithdrawn)).toEqual([true]);
  });
});

describe('an update in the CLI store', () => {
  test('a view updating an earlier one marks it superseded by the new version, keeping its content', async () => {
    const { store: s } = store();
    const first = sampleNotice('it-police');
    const second = sampleNotice('it-police', { relations: [{ kind: v1.RelationKind.UPDATE, noticeId: first.noticeId ?? '' }] });
    const a = await view(first);
    const b = await view(second, [first.noticeId ?? '']);
    s.save(1, a.signed, a.verified);
    s.save(2, b.signed, b.verified);
    const [older, newer] = s.list();
    expect(older?.supersededBy).toEqual({ noticeId: second.noticeId, shared: true });
    expect(JSON.stringify(older?.view)).toContain('Kamal Haddad');
    expect(newer?.supersededBy).toBeUndefined();
    expect(newer?.view.relations).toEqual([{ kind: 'UPDATE', noticeId: first.noticeId }]);
  });

  test('an update whose relation was withheld (the earlier notice not received) marks nothing', async () => {
    const { store: s } = store();
    const first = sampleNotice('it-police');
    const second = sampleNotice('it-police', { relations: [{ kind: v1.RelationKind.UPDATE, noticeId: first.noticeId ?? '' }] });
    s.save(1, (await view(first)).signed, (await view(first)).verified);
    const b = await view(second);
    s.save(2, b.signed, b.verified);
    expect(s.list().map((v) => v.supersededBy)).toEqual([undefined, undefined]);
    expect(b.verified.view.withheld).toContainEqual(expect.objectContaining({ category: 'relation' }));
  });

  test('an UPDATE tombstone marks the versions it names superseded by one not shared, keeping their content', async () => {
    const { store: s } = store();
    const notice = sampleNotice('it-police');
    const v = await view(notice);
    s.save(1, v.signed, v.verified);
    const by = randomUUID();
    const t = await tombstone({ kind: v1.RelationKind.UPDATE, byNoticeId: by, noticeIds: [notice.noticeId ?? ''] });
    s.saveTombstone(2, t.signed, t.verified);
    const [kept] = s.list();
    expect(kept?.supersededBy).toEqual({ noticeId: by, shared: false });
    expect(JSON.stringify(kept?.view)).toContain('Kamal Haddad');
    expect(s.tombstones()[0]?.tombstone).toEqual({
      kind: 'UPDATE',
      byNoticeId: by,
      issuingAgency: 'it-police',
      issuedAt: '2026-12-03T09:00:00Z',
      noticeIds: [notice.noticeId],
    });
  });

  test('a version received outranks word of one not shared', async () => {
    const { store: s } = store();
    const first = sampleNotice('it-police');
    const second = sampleNotice('it-police', { relations: [{ kind: v1.RelationKind.UPDATE, noticeId: first.noticeId ?? '' }] });
    s.save(1, (await view(first)).signed, (await view(first)).verified);
    const b = await view(second, [first.noticeId ?? '']);
    s.save(2, b.signed, b.verified);
    const t = await tombstone({ kind: v1.RelationKind.UPDATE, byNoticeId: randomUUID(), noticeIds: [first.noticeId ?? ''] });
    s.saveTombstone(3, t.signed, t.verified);
    expect(s.list()[0]?.supersededBy).toEqual({ noticeId: second.noticeId, shared: true });
  });
});

describe('a reply in the CLI store', () => {
  test('its readable view names the notice it answers, among its relations and as an element', async () => {
    const { store: s } = store();
    const request = randomUUID();
    const reply = sampleNotice('ly-coastguard', { relations: [{ kind: v1.RelationKind.REPLY, noticeId: request }] });
    const v = await view(reply, [request]);
    const stored = s.save(1, v.signed, v.verified);
    expect(isWithdrawn(stored)).toBe(false);
    const readable = s.list()[0]?.view;
    expect(readable?.relations).toEqual([{ kind: 'REPLY', noticeId: request }]);
    expect(readable?.elements).toContainEqual(
      expect.objectContaining({ category: 'relation', relation: { kind: 'REPLY', noticeId: request } }),
    );
  });
});
