/** The node's store of versions, withdrawals and replies: what a tombstone deletes, what an update links. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { TombstoneRecord } from '../../libs/client/index.js';
import {
  isTombstone,
  isWithdrawnView,
  newViewKey,
  NODE_MIGRATIONS,
  NodeViewStore,
  openNodeDatabase,
  ViewCipher,
  type NodeDatabase,
  type NodeTombstone,
  type NodeView,
} from '../../libs/node/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function opened(): { store: NodeViewStore; db: NodeDatabase; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'accord-node-relations-'));
  dirs.push(dir);
  const file = join(dir, 'node.db');
  const db = openNodeDatabase(file);
  return { store: new NodeViewStore(db, new ViewCipher(newViewKey())), db, file };
}

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const view = (seq: number, noticeId = id(seq), receivedAt = '2026-12-01T10:00:00.000Z'): NodeView => ({
  deliverySeq: seq,
  noticeId,
  receivedAt,
  signedView: Buffer.from(`signed bytes of ${noticeId}`).toString('base64'),
  view: { core: { noticeId }, persons: [{ fullName: `Olusegun Adebayo ${seq}` }] },
});

const tombstone = (
  seq: number,
  record: Partial<TombstoneRecord> & Pick<TombstoneRecord, 'noticeIds'>,
  receivedAt = '2026-12-02T10:00:00.000Z',
): NodeTombstone => ({
  deliverySeq: seq,
  receivedAt,
  signedView: Buffer.from(`signed tombstone ${seq}`).toString('base64'),
  tombstone: {
    kind: 'WITHDRAWAL',
    byNoticeId: id(900 + seq),
    issuingAgency: 'it-police',
    issuedAt: '2026-12-02T09:59:00Z',
    withdrawalCode: 'WRONG_PERSON',
    reason: 'Not the man we meant.',
    ...record,
  },
});

/** Every byte of the database on disk: its file and its write-ahead log. */
function onDisk(file: string): Buffer {
  return Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
}

const sealedOf = (db: NodeDatabase, seq: number): Buffer =>
  (db.prepare('SELECT sealed FROM views WHERE delivery_seq = ?').get(seq) as { sealed: Buffer }).sealed;

describe('a withdrawal in the node store', () => {
  test("deletes every listed notice's ciphertext from the database and its log, keeping the row and the tombstone", () => {
    const { store, db, file } = opened();
    store.save(view(1));
    store.save(view(2), [{ kind: 'UPDATE', noticeId: id(1) }]);
    store.save(view(3));
    const ciphertexts = [sealedOf(db, 1), sealedOf(db, 2)];
    // What to look for: the tag and the first bytes of each ciphertext, found on disk before.
    const needles = ciphertexts.map((c) => c.subarray(12, 60));
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (const needle of needles) expect(onDisk(file).includes(needle)).toBe(true);

    expect(store.saveTombstone(tombstone(4, { noticeIds: [id(1), id(2)] }))).toBe(true);

    for (const needle of needles) expect(onDisk(file).includes(needle)).toBe(false);
    expect(sealedOf(db, 1).length).toBe(0);
    expect(sealedOf(db, 3).length).toBeGreaterThan(0);
    expect(store.latest(id(1))).toBeUndefined();
    expect(store.latest(id(3))?.view).toEqual(view(3).view);
    expect(store.count()).toBe(3);
  });

  test('what it leaves of each view says who withdrew it, when and why; the feed lists the tombstone in its place', () => {
    const { store } = opened();
    store.save(view(1));
    store.saveTombstone(tombstone(2, { noticeIds: [id(1)] }));
    const { entries } = store.list(0, 10);
    expect(entries.map((e) => [e.deliverySeq, isWithdrawnView(e), isTombstone(e)])).toEqual([
      [1, true, false],
      [2, false, true],
    ]);
    expect(entries[0]).toEqual({
      deliverySeq: 1,
      noticeId: id(1),
      receivedAt: '2026-12-01T10:00:00.000Z',
      withdrawn: { ...tombstone(2, { noticeIds: [id(1)] }).tombstone, withdrawnAt: '2026-12-02T10:00:00.000Z' },
    });
    expect(store.withdrawal(id(1))?.tombstone.reason).toBe('Not the man we meant.');
  });

  test("the tombstone's reason is sealed like a view: not in clear in the database", () => {
    const { store, db, file } = opened();
    store.saveTombstone(tombstone(1, { noticeIds: [id(5)], reason: 'Mentions Olusegun Adebayo wrongly' }));
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(onDisk(file).includes(Buffer.from('Olusegun Adebayo'))).toBe(false);
  });

  test('a tombstone for a notice never stored is kept without error; the notice arriving after it keeps no content', () => {
    const { store, db } = opened();
    expect(store.saveTombstone(tombstone(1, { noticeIds: [id(7)] }))).toBe(true);
    expect(store.withdrawal(id(7))?.deliverySeq).toBe(1);
    expect(store.save(view(2, id(7)), [{ kind: 'REPLY', noticeId: id(6) }])).toBe(true);
    expect(sealedOf(db, 2).length).toBe(0);
    expect(store.latest(id(7))).toBeUndefined();
    expect(store.repliesTo(id(6))).toEqual([]);
  });

  test('a tombstone delivered twice is one, applied once', () => {
    const { store } = opened();
    store.save(view(1));
    expect(store.saveTombstone(tombstone(2, { noticeIds: [id(1)] }))).toBe(true);
    expect(store.saveTombstone(tombstone(2, { noticeIds: [id(1)] }))).toBe(false);
    expect(store.list(0, 10).entries).toHaveLength(2);
  });

  test('retention purges tombstones with the views', () => {
    const { store } = opened();
    store.save(view(1, id(1), '2025-01-01T00:00:00.000Z'));
    store.saveTombstone(tombstone(2, { noticeIds: [id(1)] }, '2025-01-02T00:00:00.000Z'));
    expect(store.purgeReceivedBefore(new Date('2026-01-01T00:00:00.000Z'))).toBe(2);
    expect(store.list(0, 10).entries).toEqual([]);
    expect(store.withdrawal(id(1))).toBeUndefined();
  });
});

describe('an update in the node store', () => {
  test('links the versions: each one names its history oldest first, the older superseded by the newer', () => {
    const { store } = opened();
    store.save(view(1));
    store.save(view(4));
    store.save(view(5, id(2)), [{ kind: 'UPDATE', noticeId: id(1) }]);
    store.save(view(9, id(3)), [{ kind: 'UPDATE', noticeId: id(2) }]);
    const history = [id(1), id(2), id(3)];
    for (const version of history) expect(store.versions(version).map((v) => v.noticeId)).toEqual(history);
    expect(store.supersededBy(id(1))).toEqual({ noticeId: id(2), shared: true });
    expect(store.supersededBy(id(2))).toEqual({ noticeId: id(3), shared: true });
    expect(store.supersededBy(id(3))).toBeUndefined();
    expect(store.versions(id(4)).map((v) => v.noticeId)).toEqual([id(4)]);
    // Every version keeps its content.
    expect(store.latest(id(1))?.view).toEqual(view(1).view);
  });

  test('an UPDATE tombstone marks the versions superseded by one not shared, and keeps their content', () => {
    const { store } = opened();
    store.save(view(1));
    store.saveTombstone(tombstone(2, { kind: 'UPDATE', byNoticeId: id(50), noticeIds: [id(1)] }));
    expect(store.supersededBy(id(1))).toEqual({ noticeId: id(50), shared: false });
    expect(store.latest(id(1))?.view).toEqual(view(1).view);
    expect(store.withdrawal(id(1))).toBeUndefined();
  });

  test('a withdrawal of an updated notice drops the links of its versions, and its tombstone still lists them', () => {
    const { store } = opened();
    store.save(view(1));
    store.save(view(2), [{ kind: 'UPDATE', noticeId: id(1) }]);
    store.saveTombstone(tombstone(3, { noticeIds: [id(1), id(2)] }));
    expect(store.supersededBy(id(1))).toBeUndefined();
    expect(store.versions(id(2)).map((v) => v.noticeId)).toEqual([id(1), id(2)]);
  });
});

describe('a reply in the node store', () => {
  test('is found from the notice it answers, oldest first, with its content', () => {
    const { store } = opened();
    store.save(view(3), [{ kind: 'REPLY', noticeId: id(1) }]);
    store.save(view(4));
    store.save(view(6), [{ kind: 'REPLY', noticeId: id(1) }]);
    expect(store.repliesTo(id(1)).map((v) => v.noticeId)).toEqual([id(3), id(6)]);
    expect(store.repliesTo(id(4))).toEqual([]);
  });
});

describe('the feed of deliveries', () => {
  test('pages views and tombstones together in delivery order, each page saying where the next starts', () => {
    const { store } = opened();
    for (const seq of [1, 3, 5]) store.save(view(seq));
    store.saveTombstone(tombstone(2, { kind: 'UPDATE', noticeIds: [id(1)] }));
    store.saveTombstone(tombstone(4, { kind: 'UPDATE', noticeIds: [id(3)] }));
    const first = store.list(0, 2);
    expect(first.entries.map((e) => e.deliverySeq)).toEqual([1, 2]);
    const second = store.list(first.next ?? 0, 2);
    expect(second.entries.map((e) => e.deliverySeq)).toEqual([3, 4]);
    const last = store.list(second.next ?? 0, 2);
    expect(last.entries.map((e) => e.deliverySeq)).toEqual([5]);
    expect(last.next).toBeUndefined();
  });
});

describe('the schema', () => {
  test('a database of the first version is upgraded in place, its views kept and linkable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-node-upgrade-'));
    dirs.push(dir);
    const file = join(dir, 'node.db');
    const cipher = new ViewCipher(newViewKey());
    const old = openNodeDatabase(file, NODE_MIGRATIONS.slice(0, 1));
    old
      .prepare('INSERT INTO views (delivery_seq, notice_id, received_at, sealed) VALUES (?, ?, ?, ?)')
      .run(1, id(1), '2026-12-01T10:00:00.000Z', cipher.seal(Buffer.from(JSON.stringify({ signedView: 's', view: { a: 1 } })), 'view:1'));
    old.close();
    const db = openNodeDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(NODE_MIGRATIONS.length);
    const store = new NodeViewStore(db, cipher);
    expect(store.latest(id(1))?.view).toEqual({ a: 1 });
    store.save(view(2), [{ kind: 'UPDATE', noticeId: id(1) }]);
    expect(store.versions(id(1)).map((v) => v.noticeId)).toEqual([id(1), id(2)]);
    db.close();
  });
});
