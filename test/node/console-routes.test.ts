/** The console's pages over HTTP (no browser): who gets which page, forms and their CSRF token, the security headers. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appWithoutBus, type AppFixture } from './node-app-fixture.js';

let fixture: AppFixture;
let base = '';
const PASSWORD = 'an officer password';

beforeAll(async () => {
  fixture = await appWithoutBus();
  await fixture.deps.officers.add('ines.costa', 'officer');
  await fixture.deps.officers.setPassword('ines.costa', PASSWORD);
  fixture.deps.views.save({
    deliverySeq: 1,
    noticeId: '00000000-0000-4000-8000-000000000001',
    receivedAt: '2026-12-02T08:00:00.000Z',
    signedView: '',
    view: {
      core: {
        noticeId: '00000000-0000-4000-8000-000000000001',
        issuingAgency: 'gr-coastguard',
        caseRef: 'GR-2026-7',
        tlp: 'AMBER',
        type: 'ALERT',
      },
      signerKid: 'kid-1',
      elements: [],
      withheld: [],
    },
  });
  base = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await fixture.close();
});

async function form(path: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const answer = await form('/sign-in', { name: 'ines.costa', password: PASSWORD });
  expect(answer.status).toBe(303);
  const cookie = (answer.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const inbox = await (await fetch(`${base}/inbox`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(inbox)?.[1] ?? '';
  return { cookie, csrf };
}

describe('the console over HTTP', () => {
  test('a page without a session sends the officer to sign in', async () => {
    const answer = await fetch(`${base}/inbox`, { redirect: 'manual' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/sign-in');
  });

  test('the sign-in page is served with a strict Content Security Policy', async () => {
    const answer = await fetch(`${base}/sign-in`);
    expect(answer.status).toBe(200);
    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  test('a wrong password is one generic message, with status 401', async () => {
    const answer = await form('/sign-in', { name: 'ines.costa', password: 'wrong wrong wrong' });
    expect(answer.status).toBe(401);
  });

  test('a signed-in officer sees the inbox with the notice the node holds', async () => {
    const { cookie } = await signIn();
    const page = await (await fetch(`${base}/inbox`, { headers: { cookie } })).text();
    expect(page).toContain('GR-2026-7');
    expect(page).toContain('/notices/00000000-0000-4000-8000-000000000001');
  });

  test('a form without the session CSRF token changes nothing', async () => {
    const { cookie } = await signIn();
    const answer = await form('/password', { currentPassword: PASSWORD, newPassword: 'a different long one' }, cookie);
    expect(answer.status).toBe(403);
    expect(await fixture.deps.officers.checkPassword('ines.costa', PASSWORD)).toBe(true);
  });

  test("a live row comes with the open inbox's count, and not at all when the inbox's filters leave it out", async () => {
    const { cookie } = await signIn();
    const id = '00000000-0000-4000-8000-000000000001';
    const shown = await fetch(`${base}/console/rows/${id}?tlp=AMBER`, { headers: { cookie } });
    expect(shown.status).toBe(200);
    expect(decodeURIComponent(shown.headers.get('x-inbox-count') ?? '')).toBe('Showing 1 of 1 notices.');
    const unfiltered = await fetch(`${base}/console/rows/${id}`, { headers: { cookie } });
    expect(decodeURIComponent(unfiltered.headers.get('x-inbox-count') ?? '')).toBe('Showing 1 of 1 notices.');
    expect((await fetch(`${base}/console/rows/${id}?tlp=RED`, { headers: { cookie } })).status).toBe(204);
  });

  test('the unread filter holds whichever way the form or a link writes it', async () => {
    const { cookie } = await signIn();
    for (const unread of ['1', 'on', 'true']) {
      const page = await (await fetch(`${base}/inbox?unread=${unread}`, { headers: { cookie } })).text();
      const box = /<input[^>]*name="unread"[^>]*>/.exec(page)?.[0] ?? '';
      expect(box, unread).toContain('checked');
    }
  });

  test('an officer may not open the admin page', async () => {
    const { cookie } = await signIn();
    expect((await fetch(`${base}/admin`, { headers: { cookie } })).status).toBe(403);
  });

  test('an officer may neither open the composer nor send through it: supervisors compose', async () => {
    const { cookie, csrf } = await signIn();
    expect((await fetch(`${base}/compose`, { headers: { cookie } })).status).toBe(403);
    const sent = await form('/compose', { _csrf: csrf, action: 'send', caseRef: 'ES-1' }, cookie);
    expect(sent.status).toBe(403);
    expect(fixture.deps.submissions.all()).toEqual([]);
  });

  test('a page that does not exist is the console’s error page for a browser, a problem for the API', async () => {
    const page = await fetch(`${base}/nowhere`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('There is no such page or notice on this node.');
    const api = await fetch(`${base}/api/v1/nowhere`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  test('the language is chosen by form, and the page comes back in Arabic, right to left', async () => {
    const answer = await form('/lang', { lang: 'ar', back: '/sign-in' });
    expect(answer.headers.get('location')).toBe('/sign-in');
    const lang = (answer.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const page = await (await fetch(`${base}/sign-in`, { headers: { cookie: lang } })).text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
  });

  test('the language form sends back only to a path of this console', async () => {
    const answer = await form('/lang', { lang: 'fr', back: '//evil.example/x' });
    expect(answer.headers.get('location')).toBe('/');
  });
});
