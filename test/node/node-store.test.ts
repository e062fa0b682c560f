import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  newViewKey,
  NODE_MIGRATIONS,
  NodeViewStore,
  openNodeDatabase,
  SubmissionStore,
  ViewCipher,
  type NodeView,
} from '../../libs/node/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function database(): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'accord-node-store-'));
  dirs.push(dir);
  return { file: join(dir, 'node.db'), dir };
}

const view = (seq: number, receivedAt = '2026-12-01T10:00:00.000Z'): NodeView => ({
  deliverySeq: seq,
  noticeId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
  receivedAt,
  signedView: Buffer.from(`signed bytes ${seq}`).toString('base64'),
  view: { persons: [{ fullName: `Olusegun Adebayo ${seq}` }] },
});

describe('the node database', () => {
  test('migrations run once: a database opened again keeps its rows and its version', () => {
    const { file } = database();
    const first = openNodeDatabase(file);
    const store = new NodeViewStore(first, new ViewCipher(newViewKey()));
    store.save(view(1));
    const version = first.pragma('user_version', { simple: true });
    first.close();
    const again = openNodeDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(version);
    expect((again.prepare('SELECT count(*) AS n FROM views').get() as { n: number }).n).toBe(1);
    again.close();
  });

  test('a migration added later runs on an existing database, and only it', () => {
    const { file } = database();
    openNodeDatabase(file, ['CREATE TABLE a (x INTEGER);']).close();
    const db = openNodeDatabase(file, ['CREATE TABLE a (x INTEGER);', 'CREATE TABLE b (y INTEGER);']);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()).toEqual([{ name: 'a' }, { name: 'b' }]);
    db.close();
  });

  test('a database newer than this accord is refused, naming the fix', () => {
    const { file } = database();
    openNodeDatabase(file, ['CREATE TABLE a (x INTEGER);', 'CREATE TABLE b (y INTEGER);']).close();
    expect(() => openNodeDatabase(file, ['CREATE TABLE a (x INTEGER);'])).toThrow(/newer than this accord.*upgrade accord/);
  });
});

describe('the view store', () => {
  test('a delivery saved twice (redelivered after a crash) is one row', () => {
    const { file } = database();
    const store = new NodeViewStore(openNodeDatabase(file), new ViewCipher(newViewKey()));
    expect(store.save(view(7))).toBe(true);
    expect(store.save(view(7))).toBe(false);
    expect(store.count()).toBe(1);
  });

  test("a view's content is sealed: the database file holds none of its values", () => {
    const { file } = database();
    const db = openNodeDatabase(file);
    const store = new NodeViewStore(db, new ViewCipher(newViewKey()));
    store.save(view(3));
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(file).includes(Buffer.from('Olusegun Adebayo'))).toBe(false);
    expect(store.latest(view(3).noticeId)?.view).toEqual(view(3).view);
  });

  test('a sealed view does not open under another view key', () => {
    const { file } = database();
    const db = openNodeDatabase(file);
    new NodeViewStore(db, new ViewCipher(newViewKey())).save(view(4));
    expect(() => new NodeViewStore(db, new ViewCipher(newViewKey())).latest(view(4).noticeId)).toThrow(
      /does not open under this node's view key/,
    );
  });

  test('pages follow the delivery order, each page saying where the next starts', () => {
    const { file } = database();
    const store = new NodeViewStore(openNodeDatabase(file), new ViewCipher(newViewKey()));
    for (const seq of [5, 1, 9, 3, 7]) store.save(view(seq));
    const first = store.list(0, 2);
    expect(first.entries.map((v) => v.deliverySeq)).toEqual([1, 3]);
    const second = store.list(first.next ?? 0, 2);
    expect(second.entries.map((v) => v.deliverySeq)).toEqual([5, 7]);
    const last = store.list(second.next ?? 0, 2);
    expect(last.entries.map((v) => v.deliverySeq)).toEqual([9]);
    expect(last.next).toBeUndefined();
  });

  test('views received before the retention cutoff are purged, later ones kept', () => {
    const { file } = database();
    const store = new NodeViewStore(openNodeDatabase(file), new ViewCipher(newViewKey()));
    store.save(view(1, '2025-01-01T00:00:00.000Z'));
    store.save(view(2, '2026-11-30T00:00:00.000Z'));
    expect(store.purgeReceivedBefore(new Date('2026-01-01T00:00:00.000Z'))).toBe(1);
    expect(store.list(0, 10).entries.map((v) => v.deliverySeq)).toEqual([2]);
  });
});

describe('the submission store', () => {
  test('a submission keeps its signed bytes sealed until decided, then drops them', () => {
    const { file } = database();
    const store = new SubmissionStore(openNodeDatabase(file), new ViewCipher(newViewKey()));
    const noticeId = '00000000-0000-4000-8000-000000000042';
    store.record(
      { noticeId, bodyDigest: 'd', submittedBy: 'token:case-system', submittedAt: '2026-12-01T10:00:00.000Z' },
      Buffer.from('signed notice'),
    );
    expect(store.signed(noticeId)?.toString()).toBe('signed notice');
    expect(store.pending().map((s) => s.noticeId)).toEqual([noticeId]);
    store.decide(noticeId, { status: 'quarantined', code: 'E_SCHEMA', path: 'caseRef' }, new Date('2026-12-01T10:00:01.000Z'));
    expect(store.find(noticeId)).toMatchObject({ status: 'quarantined', code: 'E_SCHEMA', path: 'caseRef' });
    expect(store.signed(noticeId)).toBeUndefined();
    expect(store.pending()).toEqual([]);
  });

  test('a decision is recorded once: a second one for the same submission changes nothing and says so', () => {
    const { file } = database();
    const store = new SubmissionStore(openNodeDatabase(file), new ViewCipher(newViewKey()));
    const noticeId = '00000000-0000-4000-8000-000000000043';
    store.record({ noticeId, bodyDigest: 'd', submittedBy: 'officer:ana', submittedAt: '2026-12-01T10:00:00.000Z' }, Buffer.from('x'));
    expect(store.decide(noticeId, { status: 'accepted' }, new Date('2026-12-01T10:00:01.000Z'))).toBe(true);
    expect(store.decide(noticeId, { status: 'quarantined', code: 'E_STALE' }, new Date('2026-12-01T10:00:02.000Z'))).toBe(false);
    expect(store.find(noticeId)).toMatchObject({ status: 'accepted', decidedAt: '2026-12-01T10:00:01.000Z' });
  });

  test('an accepted notice stays kept, sealed, after the decision: a release carries it', () => {
    const { file } = database();
    const db = openNodeDatabase(file);
    const store = new SubmissionStore(db, new ViewCipher(newViewKey()));
    const noticeId = '00000000-0000-4000-8000-000000000044';
    store.record(
      { noticeId, bodyDigest: 'd', submittedBy: 'officer:ana', submittedAt: '2026-12-01T10:00:00.000Z' },
      Buffer.from('kept notice'),
    );
    store.decide(noticeId, { status: 'accepted' }, new Date('2026-12-01T10:00:01.000Z'));
    expect(store.signed(noticeId)).toBeUndefined();
    expect(store.kept(noticeId)?.toString()).toBe('kept notice');
    expect(store.kept(noticeId.toUpperCase())?.toString(), 'a noticeId in capitals is the same notice').toBe('kept notice');
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(file).includes(Buffer.from('kept notice'))).toBe(false);
  });

  test('a quarantined notice is not kept: it reached no one', () => {
    const { file } = database();
    const store = new SubmissionStore(openNodeDatabase(file), new ViewCipher(newViewKey()));
    const noticeId = '00000000-0000-4000-8000-000000000045';
    store.record({ noticeId, bodyDigest: 'd', submittedBy: 'officer:ana', submittedAt: '2026-12-01T10:00:00.000Z' }, Buffer.from('x'));
    store.decide(noticeId, { status: 'quarantined', code: 'E_SCHEMA' }, new Date('2026-12-01T10:00:01.000Z'));
    expect(store.kept(noticeId)).toBeUndefined();
  });

  test('a node upgraded in place keeps the notices still pending; none it never published', () => {
    const { file } = database();
    const cipher = new ViewCipher(newViewKey());
    const old = openNodeDatabase(file, NODE_MIGRATIONS.slice(0, 1));
    const pending = '00000000-0000-4000-8000-000000000046';
    old
      .prepare('INSERT INTO submissions (notice_id, body_digest, sealed, status, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        pending,
        'd',
        cipher.seal(Buffer.from('pending notice'), `submission:${pending}`),
        'pending',
        'officer:ana',
        '2026-12-01T10:00:00.000Z',
      );
    old.close();
    const store = new SubmissionStore(openNodeDatabase(file), cipher);
    expect(store.kept(pending)?.toString()).toBe('pending notice');
    expect(store.kept('00000000-0000-4000-8000-000000000047')).toBeUndefined();
  });
});
