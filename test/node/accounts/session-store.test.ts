import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { SessionStore } from '../../../libs/node/index.js';
import { later, newAccounts, T0 } from './accounts-fixture.js';

const SETTINGS = { idleMs: 15 * 60_000, absoluteMs: 8 * 60 * 60_000 };

async function withOfficer() {
  const accounts = newAccounts();
  await accounts.officers.add('ana.lopez', 'officer', T0);
  const secret = randomBytes(32);
  return { accounts, secret, sessions: new SessionStore(accounts.db, secret, accounts.officers, SETTINGS) };
}

describe('sessions', () => {
  test('a session cookie resolves to its officer and CSRF token; the database keeps only the id hash', async () => {
    const { accounts, sessions } = await withOfficer();
    const { cookie, csrfToken } = sessions.create('ana.lopez', T0);
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    const session = sessions.resolve(cookie, later(1000));
    expect(session).toMatchObject({
      officer: { name: 'ana.lopez' },
      csrfToken,
      createdAt: T0.toISOString(),
      lastSeenAt: T0.toISOString(),
      passwordChangeRequired: true,
    });
    const [id = ''] = cookie.split('.');
    const rows = accounts.db.prepare<[], { id_hash: string }>('SELECT id_hash FROM sessions').all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.id_hash).not.toContain(Buffer.from(id, 'base64url').toString('hex'));
  });

  test('a cookie made by a node with another secret is refused', async () => {
    const { accounts, sessions } = await withOfficer();
    const elsewhere = new SessionStore(accounts.db, randomBytes(32), accounts.officers, SETTINGS);
    const { cookie } = elsewhere.create('ana.lopez', T0);
    expect(sessions.resolve(cookie, T0)).toBeUndefined();
    expect(elsewhere.resolve(cookie, T0)).toBeDefined();
  });

  test('a tampered or malformed cookie is refused', async () => {
    const { sessions } = await withOfficer();
    const { cookie } = sessions.create('ana.lopez', T0);
    const [id = '', mac = ''] = cookie.split('.');
    const flipped = `${id}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    for (const bad of [flipped, `${randomBytes(32).toString('base64url')}.${mac}`, id, '', `${cookie}.`, `${cookie}x`])
      expect(sessions.resolve(bad, T0)).toBeUndefined();
    expect(sessions.resolve(cookie, T0)).toBeDefined();
  });

  test('a session unused for longer than idleMs ends; each served request extends it', async () => {
    const { sessions } = await withOfficer();
    const { cookie } = sessions.create('ana.lopez', T0);
    expect(sessions.resolve(cookie, later(14 * 60_000))).toBeDefined();
    sessions.touch(cookie, later(14 * 60_000));
    expect(sessions.resolve(cookie, later(28 * 60_000))).toBeDefined();
    sessions.touch(cookie, later(28 * 60_000));
    expect(sessions.resolve(cookie, later(28 * 60_000 + 15 * 60_000 + 1))).toBeUndefined();
    expect(sessions.resolve(cookie, later(28 * 60_000))).toBeUndefined();
  });

  test('a session ends absoluteMs after its creation, however busy', async () => {
    const { sessions } = await withOfficer();
    const { cookie } = sessions.create('ana.lopez', T0);
    for (let minutes = 10; minutes <= 8 * 60; minutes += 10) {
      expect(sessions.resolve(cookie, later(minutes * 60_000))).toBeDefined();
      sessions.touch(cookie, later(minutes * 60_000));
    }
    expect(sessions.resolve(cookie, later(8 * 60 * 60_000 + 1))).toBeUndefined();
  });

  test("disabling an officer ends the officer's sessions", async () => {
    const { accounts, sessions } = await withOfficer();
    const { cookie } = sessions.create('ana.lopez', T0);
    accounts.officers.disable('ana.lopez', later(1000));
    expect(sessions.resolve(cookie, later(2000))).toBeUndefined();
    expect(accounts.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    expect(() => sessions.create('ana.lopez', later(3000))).toThrow(expect.objectContaining({ code: 'E_FORBIDDEN' }));
  });

  test('an ended session is refused', async () => {
    const { sessions } = await withOfficer();
    const { cookie } = sessions.create('ana.lopez', T0);
    const other = sessions.create('ana.lopez', T0);
    sessions.end(cookie);
    expect(sessions.resolve(cookie, T0)).toBeUndefined();
    expect(sessions.resolve(other.cookie, T0)).toBeDefined();
  });

  test('creating a session deletes the expired ones', async () => {
    const { accounts, sessions } = await withOfficer();
    sessions.create('ana.lopez', T0);
    sessions.create('ana.lopez', later(20 * 60_000));
    expect(accounts.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 1 });
  });

  test('purgeExpired deletes idle and old sessions only', async () => {
    const { sessions } = await withOfficer();
    sessions.create('ana.lopez', T0);
    const live = sessions.create('ana.lopez', later(10 * 60_000));
    expect(sessions.purgeExpired(later(20 * 60_000))).toBe(1);
    expect(sessions.resolve(live.cookie, later(20 * 60_000))).toBeDefined();
  });
});
