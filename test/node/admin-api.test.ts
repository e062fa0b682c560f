/** The node's admins manage officers and tokens through the API; nobody else can. */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appWithoutBus, type AppFixture } from './node-app-fixture.js';

let fixture: AppFixture;
let base = '';
let admin = { cookie: '', csrf: '' };

async function post(
  path: string,
  body: unknown,
  auth: { cookie?: string; csrf?: string; token?: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.csrf) headers['x-csrf-token'] = auth.csrf;
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function signIn(name: string, password: string, totp?: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, ...(totp ? { totp } : {}) }),
  });
  expect(response.status).toBe(200);
  return {
    cookie: (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '',
    csrf: ((await response.json()) as { csrfToken: string }).csrfToken,
  };
}

beforeAll(async () => {
  fixture = await appWithoutBus();
  const added = await fixture.deps.officers.add('it.admin', 'admin');
  await fixture.deps.officers.setPassword('it.admin', 'the admin password here');
  base = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
  const secret = new URL(added.totpUri ?? '').searchParams.get('secret') ?? '';
  admin = await signIn('it.admin', 'the admin password here', await generate({ secret }));
});

afterAll(async () => {
  await fixture.close();
});

describe('the admin API', () => {
  test('an admin adds an officer, who signs in with the one-time password answered once', async () => {
    const added = await post('/api/v1/officers', { name: 'sara.nilsson', role: 'officer' }, admin);
    expect(added.status).toBe(201);
    const password = String(added.body.oneTimePassword);
    const session = await signIn('sara.nilsson', password);
    const views = await fetch(`${base}/api/v1/views`, { headers: { cookie: session.cookie } });
    expect(views.status, 'a one-time password session may only change the password').toBe(403);
  });

  test('an admin disables an officer, whose session ends at once', async () => {
    const added = await post('/api/v1/officers', { name: 'tom.berg', role: 'officer' }, admin);
    const first = await signIn('tom.berg', String(added.body.oneTimePassword));
    await post('/api/v1/session/password', { newPassword: 'tom has a long password' }, first);
    const session = await signIn('tom.berg', 'tom has a long password');
    expect((await fetch(`${base}/api/v1/views`, { headers: { cookie: session.cookie } })).status).toBe(200);
    expect((await post('/api/v1/officers/tom.berg/disable', {}, admin)).status).toBe(204);
    expect((await fetch(`${base}/api/v1/views`, { headers: { cookie: session.cookie } })).status).toBe(401);
  });

  test('an admin creates a token, answered once, and revokes it', async () => {
    const created = await post('/api/v1/tokens', { name: 'case-system', scopes: ['read'] }, admin);
    expect(created.status).toBe(201);
    const token = String(created.body.token);
    expect((await fetch(`${base}/api/v1/views`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const listed = await (await fetch(`${base}/api/v1/tokens`, { headers: { cookie: admin.cookie } })).text();
    expect(listed).toContain('case-system');
    expect(listed).not.toContain(token);
    const revoked = await fetch(`${base}/api/v1/tokens/case-system`, {
      method: 'DELETE',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(revoked.status).toBe(204);
    expect((await fetch(`${base}/api/v1/views`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  test('neither a token nor an officer may manage accounts', async () => {
    const token = fixture.deps.tokens.create('all-scopes', ['read', 'publish', 'receipt']).token;
    expect((await post('/api/v1/officers', { name: 'mallory', role: 'admin' }, { token })).status).toBe(403);
    await fixture.deps.officers.add('plain.officer', 'officer');
    await fixture.deps.officers.setPassword('plain.officer', 'an officer password');
    const officer = await signIn('plain.officer', 'an officer password');
    expect((await post('/api/v1/officers', { name: 'mallory', role: 'admin' }, officer)).status).toBe(403);
    expect(fixture.deps.officers.get('mallory')).toBeUndefined();
  });

  test('an admin reads no views: accounts are not a need to know', async () => {
    expect((await fetch(`${base}/api/v1/views`, { headers: { cookie: admin.cookie } })).status).toBe(403);
  });
});
