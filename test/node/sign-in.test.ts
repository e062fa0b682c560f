/**
 * Sign-in over real HTTP: a client guessing passwords is slowed and the account locked,
 * and nothing in an answer tells a locked account from an unknown name or a wrong
 * password.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appWithoutBus, type AppFixture } from './node-app-fixture.js';

let fixture: AppFixture;
let base = '';
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  // Short throttling delays so fifty attempts take a second, not a minute and a half.
  fixture = await appWithoutBus({ login: { maxDelayMs: 20 } });
  await fixture.deps.officers.add('ana.lopez', 'officer');
  await fixture.deps.officers.setPassword('ana.lopez', PASSWORD);
  await fixture.deps.officers.add('ben.okafor', 'officer');
  await fixture.deps.officers.setPassword('ben.okafor', PASSWORD);
  base = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await fixture.close();
});

/** Status, content type and the body's bytes: all a client can compare (the date aside). */
async function signIn(name: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const headers = [...response.headers].filter(([k]) => k !== 'date' && k !== 'keep-alive' && k !== 'connection');
  return `${response.status}\n${JSON.stringify(headers)}\n${await response.text()}`;
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
}

describe('signing in', () => {
  test('the right password signs in and sets an HttpOnly SameSite=Strict session cookie', async () => {
    const response = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ben.okafor', password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^accord_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  test('fifty wrong passwords from one client are throttled and lock the account', async () => {
    const throttledBefore = await metric('accord_node_logins_throttled_total');
    const answers = new Set<string>();
    for (let i = 0; i < 50; i += 1) answers.add(await signIn('ana.lopez', `guess number ${i}`));
    expect(answers.size, 'every wrong password is answered alike').toBe(1);
    expect(await metric('accord_node_logins_throttled_total')).toBeGreaterThan(throttledBefore);
    expect(await signIn('ana.lopez', PASSWORD), 'the right password while locked').toBe([...answers][0]);
  });

  test('locked, unknown-name and wrong-password answers are byte-identical', async () => {
    const locked = await signIn('ana.lopez', PASSWORD);
    const unknown = await signIn('nobody.here', PASSWORD);
    const wrong = await signIn('ben.okafor', 'not the password');
    expect(locked).toMatch(/^401\n/);
    expect(unknown).toBe(locked);
    expect(wrong).toBe(locked);
  });

  test('failed and successful sign-ins are counted in /metrics', async () => {
    expect(await metric('accord_node_logins_total\\{[^}]*outcome="failed"[^}]*\\}')).toBeGreaterThanOrEqual(50);
  });
});
