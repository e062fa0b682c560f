/** The node's API on versions and withdrawals: the latest version with its history, a withdrawn notice as its tombstone. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NodeClient, type TombstoneRecord } from '../../libs/client/index.js';
import type { NodeTombstone, NodeView } from '../../libs/node/index.js';
import { appWithoutBus, type AppFixture } from './node-app-fixture.js';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const FIRST = id(1);
const SECOND = id(2);
const THIRD = id(3);
const WITHDRAWN = id(4);
const NEVER_HELD = id(5);
const NOT_SHARED = id(6);
const KEPT = id(7);

let fixture: AppFixture;
let token = '';
let base = '';

const view = (seq: number, noticeId: string): NodeView => ({
  deliverySeq: seq,
  noticeId,
  receivedAt: `2026-12-01T10:00:0${seq}.000Z`,
  signedView: Buffer.from(`signed ${noticeId}`).toString('base64'),
  view: { core: { noticeId, issuingAgency: 'it-police' }, elements: [{ path: 'summary', summary: `Olusegun Adebayo ${seq}` }] },
});

const tombstone = (seq: number, record: Partial<TombstoneRecord> & Pick<TombstoneRecord, 'noticeIds'>): NodeTombstone => ({
  deliverySeq: seq,
  receivedAt: `2026-12-02T10:00:0${seq}.000Z`,
  signedView: Buffer.from(`signed tombstone ${seq}`).toString('base64'),
  tombstone: {
    kind: 'WITHDRAWAL',
    byNoticeId: id(100 + seq),
    issuingAgency: 'it-police',
    issuedAt: '2026-12-02T09:00:00Z',
    withdrawalCode: 'INACCURATE',
    reason: 'The dates were wrong.',
    ...record,
  },
});

beforeAll(async () => {
  fixture = await appWithoutBus();
  const views = fixture.deps.views;
  views.save(view(1, FIRST));
  views.save(view(2, SECOND), [{ kind: 'UPDATE', noticeId: FIRST }]);
  views.save(view(3, THIRD), [{ kind: 'UPDATE', noticeId: SECOND }]);
  views.save(view(4, WITHDRAWN));
  views.saveTombstone(tombstone(5, { noticeIds: [WITHDRAWN] }));
  views.saveTombstone(tombstone(6, { noticeIds: [NEVER_HELD] }));
  views.save(view(7, KEPT));
  views.saveTombstone(tombstone(8, { kind: 'UPDATE', byNoticeId: NOT_SHARED, noticeIds: [KEPT] }));
  token = fixture.deps.tokens.create('case-system', ['read', 'receipt']).token;
  base = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await fixture.close();
});

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = await fixture.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
  return { status: answer.statusCode, body: answer.json() };
}

describe('GET /api/v1/views/{noticeId}', () => {
  test('any version of an updated notice answers the latest, with every version oldest first', async () => {
    for (const asked of [FIRST, SECOND, THIRD]) {
      const { status, body } = await get(`/api/v1/views/${asked}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ noticeId: THIRD, status: 'current', deliverySeq: 3 });
      expect((body.versions as { noticeId: string }[]).map((v) => v.noticeId)).toEqual([FIRST, SECOND, THIRD]);
    }
  });

  test('a withdrawn notice answers its tombstone and none of its content, not 404', async () => {
    const { status, body } = await get(`/api/v1/views/${WITHDRAWN}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      noticeId: WITHDRAWN,
      status: 'withdrawn',
      withdrawn: {
        kind: 'WITHDRAWAL',
        withdrawalCode: 'INACCURATE',
        reason: 'The dates were wrong.',
        withdrawnAt: '2026-12-02T10:00:05.000Z',
      },
      tombstone: { deliverySeq: 5, signedView: Buffer.from('signed tombstone 5').toString('base64') },
    });
    expect(body.view).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain('Olusegun');
  });

  test('a withdrawal of a notice the node never held answers the same way, with no version', async () => {
    const { status, body } = await get(`/api/v1/views/${NEVER_HELD}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'withdrawn', versions: [] });
  });

  test('an update not shared with the agency: the version held, superseded, with its content', async () => {
    const { status, body } = await get(`/api/v1/views/${KEPT}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ noticeId: KEPT, status: 'superseded', supersededBy: { noticeId: NOT_SHARED, shared: false } });
    expect(JSON.stringify(body.view)).toContain('Olusegun Adebayo 7');
  });

  test('a notice neither held nor withdrawn is still 404', async () => {
    expect((await get(`/api/v1/views/${id(99)}`)).status).toBe(404);
  });

  test('reading a withdrawn notice records no read; reading a version records one of the version answered', async () => {
    const before = fixture.deps.access.reads().length;
    await get(`/api/v1/views/${WITHDRAWN}`);
    expect(fixture.deps.access.reads()).toHaveLength(before);
    await get(`/api/v1/views/${FIRST}`);
    expect(fixture.deps.access.reads().at(-1)?.noticeId).toBe(THIRD);
  });

  test('a withdrawn notice takes no read receipt: 404', async () => {
    const answer = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/views/${WITHDRAWN}/receipts`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.statusCode).toBe(404);
  });
});

describe('GET /api/v1/views, the feed', () => {
  test('lists views (superseded ones saying by what), what withdrawals left of views, and tombstones, in delivery order', async () => {
    const { body } = await get('/api/v1/views?limit=500');
    const entries = body.views as Record<string, unknown>[];
    expect(entries.map((e) => e.deliverySeq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(entries[0]).toMatchObject({ noticeId: FIRST, supersededBy: { noticeId: SECOND, shared: true } });
    expect(entries[2]?.supersededBy).toBeUndefined();
    expect(entries[3]).toEqual({
      deliverySeq: 4,
      noticeId: WITHDRAWN,
      receivedAt: '2026-12-01T10:00:04.000Z',
      withdrawn: { ...tombstone(5, { noticeIds: [WITHDRAWN] }).tombstone, withdrawnAt: '2026-12-02T10:00:05.000Z' },
    });
    expect(entries[4]).toMatchObject({
      deliverySeq: 5,
      tombstone: { kind: 'WITHDRAWAL', noticeIds: [WITHDRAWN] },
      signedView: expect.any(String),
    });
    expect(entries[6]).toMatchObject({ noticeId: KEPT, supersededBy: { noticeId: NOT_SHARED, shared: false } });
  });

  test('the node client reads every kind of entry of the feed', async () => {
    const entries = await new NodeClient(base, token).listViews();
    expect(entries.map((e) => ('tombstone' in e ? 'tombstone' : 'withdrawn' in e ? 'withdrawn' : 'view'))).toEqual([
      'view',
      'view',
      'view',
      'withdrawn',
      'tombstone',
      'tombstone',
      'view',
      'tombstone',
    ]);
    expect(entries[0]).toMatchObject({ supersededBy: { noticeId: SECOND, shared: true } });
    expect(entries[3]).toMatchObject({ noticeId: WITHDRAWN, withdrawn: { withdrawalCode: 'INACCURATE', withdrawnAt: expect.any(String) } });
  });
});
