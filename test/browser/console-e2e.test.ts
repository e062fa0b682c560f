/**
 * The console in a real Chromium on a real stack: the recipient's officer signs in (a
 * one-time password, then a password of their own), sees a notice arrive in the inbox
 * without a reload, opens it, and the issuer's supervisor sees the officer's receipt by
 * name. A notice full of hostile text renders inert in every page that shows notice
 * text. The supervisor composes a notice in the form, previews it, sends it, and two
 * recipients of different roles see it arrive live, each with exactly the categories its
 * preview line showed. axe-core finds no serious or critical violation in any page, in
 * English and Arabic; screenshots are kept in test-output/screenshots/ (docs/console/ has
 * copies).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messageToJson, v1 } from '../../libs/proto/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { call } from '../harness/node-http.js';
import { startNodeProcess, type NodeProcess } from '../harness/node-process.js';
import { cliOk as ok, runCliSync } from '../harness/run-cli.js';
import {
  axeViolations,
  BROWSER_TEST_TIMEOUT_MS,
  formatAxe,
  launchBrowser,
  openPage,
  screenshot,
  SCREENSHOT_DIR,
  type TestBrowser,
  type WatchedPage,
} from './browser.js';
import { HOSTILE_PAYLOADS } from './hostile-corpus.js';
import { expectInert } from './inert-check.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-console-'));
const ISSUER = 'it-police';
const RECIPIENT = 'ly-coastguard';
/** A second recipient of the composed notice, of another role: it is granted other categories. */
const PROSECUTOR = 'it-prosecutor';
const nodeDir: Record<string, string> = {
  [ISSUER]: join(dir, 'node-it-police'),
  [RECIPIENT]: join(dir, 'node-ly-coastguard'),
  [PROSECUTOR]: join(dir, 'node-it-prosecutor'),
};
const shots = join(packageRoot(), SCREENSHOT_DIR, 'console');

const nodes: Partial<Record<string, NodeProcess>> = {};
const url = (agency: string): string => nodes[agency]?.url ?? '';
let browser: TestBrowser;
let publisher = '';
const officer = { name: 'maria.rossi', oneTime: '', password: 'maria has her own password' };
const supervisor = { name: 'giulia.russo', oneTime: '', password: 'giulia has her own password', secret: '' };
const prosecutorOfficer = { name: 'luca.bianchi', oneTime: '', password: 'luca has his own password' };
/** Each recipient node's API token for reading views, to compare what arrived with the preview. */
const readers: Record<string, string> = {};
/** The supervisor's signed-in browser context, kept for the composer (a TOTP code is good once). */
let supervisorContext: BrowserContext | undefined;
let published = '';

/** What in the page could still run or leave: an event handler, a javascript: URL, a frame, a style, a script or a form not of the node. */
const LIVE_MARKUP = String.raw`[...document.querySelectorAll('*')].flatMap((e) => [
  ...[...e.attributes].filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)).map((a) => e.tagName + ' ' + a.name),
  ...(['IFRAME', 'OBJECT', 'EMBED', 'STYLE'].includes(e.tagName) ? [e.tagName] : []),
  ...(e.tagName === 'SCRIPT' && e.getAttribute('src') !== '/assets/console.js' ? ['SCRIPT'] : []),
  ...(e.tagName === 'FORM' && !(e.getAttribute('action') || '').startsWith('/') ? ['FORM ' + e.getAttribute('action')] : []),
])`;

/** A payload that ingest takes: C0 and C1 control characters are refused at the door (E_SCHEMA). */
// oxlint-disable-next-line eslint/no-control-regex -- the door's rule, restated
const ADMISSIBLE = HOSTILE_PAYLOADS.filter((p) => !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u.test(p.text));

/** The code the supervisor's authenticator shows `steps` time steps from now (each code is good once). */
const totp = (steps: number, secret = supervisor.secret): Promise<string> =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
const admin = { name: 'paola.conti', oneTime: '', password: 'paola has her own password', secret: '' };

async function signIn(page: WatchedPage['page'], base: string, name: string, password: string, code?: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(/name/i).first().fill(name);
  await page
    .getByLabel(/password/i)
    .first()
    .fill(password);
  if (code) await page.getByLabel(/code/i).first().fill(code);
  await page.getByRole('button', { name: /sign in/i }).click();
}

/** First sign-in with the one-time password, the password change it leads to, and the sign-in with the new one. */
async function firstSignIn(
  page: WatchedPage['page'],
  base: string,
  who: { name: string; oneTime: string; password: string },
  codes?: [string, string],
): Promise<void> {
  await signIn(page, base, who.name, who.oneTime, codes?.[0]);
  await page.waitForURL(/\/password$/);
  await page.getByLabel(/new password/i).fill(who.password);
  await page.getByRole('button', { name: /change password/i }).click();
  await page.waitForURL(/\/sign-in$/);
  await signIn(page, base, who.name, who.password, codes?.[1]);
  await page.waitForURL(/\/(inbox|admin)?$/);
}

async function expectAccessible(watched: WatchedPage, what: string): Promise<void> {
  const violations = await axeViolations(watched.page, { impact: ['serious', 'critical'] });
  expect(violations, `${what}:\n${formatAxe(violations)}`).toEqual([]);
}

function hostileNotice(): Record<string, unknown> {
  // `{{` opens the summary's markup (a reference or a tagged span): that payload goes in the other fields.
  const all = ADMISSIBLE.filter((p) => !p.text.includes('{{'))
    .map((p) => p.text)
    .join('\n');
  const base = sampleNotice(ISSUER, { addressees: [RECIPIENT] });
  const [location] = base.locations ?? [];
  const notice = sampleNotice(ISSUER, {
    addressees: [RECIPIENT],
    summary: `Report from the coast.\n${all}`,
    // Each payload in a field of its own as well: a vessel's name, a place's label.
    conveyances: ADMISSIBLE.map((p) => ({ kind: v1.ConveyanceKind.VESSEL, identifier: p.text, flagCountry: 'LY' })),
    locations: ADMISSIBLE.map((p) => ({ ...location, label: p.text })),
  });
  return messageToJson('accord.v1.CaseNotice', notice);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  ok('stack', 'up', '--dir', dir);
  for (const [id, country, role] of [
    [ISSUER, 'IT', 'police'],
    [RECIPIENT, 'LY', 'coastguard'],
    [PROSECUTOR, 'IT', 'prosecutor'],
  ] as const) {
    ok('agency', 'add', id, '--country', country, '--role', role, '--groups', 'med', '--dir', dir);
    ok('node', 'init', '--agency', id, '--dir', nodeDir[id] ?? '', '--stack', dir);
  }
  for (const id of [RECIPIENT, PROSECUTOR])
    readers[id] =
      /^(acn_\S+)$/m.exec(ok('node', 'token', 'create', '--name', 'checker', '--scope', 'read', '--dir', nodeDir[id] ?? ''))?.[1] ?? '';
  prosecutorOfficer.oneTime =
    /^one-time password: (\S+)$/m.exec(
      ok('node', 'officer', 'add', prosecutorOfficer.name, '--role', 'officer', '--dir', nodeDir[PROSECUTOR] ?? ''),
    )?.[1] ?? '';
  publisher =
    /^(acn_\S+)$/m.exec(
      ok('node', 'token', 'create', '--name', 'case-system', '--scope', 'publish', '--dir', nodeDir[ISSUER] ?? ''),
    )?.[1] ?? '';
  officer.oneTime =
    /^one-time password: (\S+)$/m.exec(
      ok('node', 'officer', 'add', officer.name, '--role', 'officer', '--dir', nodeDir[RECIPIENT] ?? ''),
    )?.[1] ?? '';
  const added = ok('node', 'officer', 'add', supervisor.name, '--role', 'supervisor', '--dir', nodeDir[ISSUER] ?? '');
  supervisor.oneTime = /^one-time password: (\S+)$/m.exec(added)?.[1] ?? '';
  supervisor.secret = new URL(/(otpauth:\/\/\S+)/.exec(added)?.[1] ?? 'otpauth://x').searchParams.get('secret') ?? '';
  const addedAdmin = ok('node', 'officer', 'add', admin.name, '--role', 'admin', '--dir', nodeDir[ISSUER] ?? '');
  admin.oneTime = /^one-time password: (\S+)$/m.exec(addedAdmin)?.[1] ?? '';
  admin.secret = new URL(/(otpauth:\/\/\S+)/.exec(addedAdmin)?.[1] ?? 'otpauth://x').searchParams.get('secret') ?? '';
  nodes[ISSUER] = await startNodeProcess(nodeDir[ISSUER] ?? '');
  nodes[RECIPIENT] = await startNodeProcess(nodeDir[RECIPIENT] ?? '');
  nodes[PROSECUTOR] = await startNodeProcess(nodeDir[PROSECUTOR] ?? '');
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await supervisorContext?.close();
  await browser?.close();
  for (const n of Object.values(nodes)) await n?.stop();
  runCliSync('stack', 'down', '--dir', dir);
  rmSync(dir, { recursive: true, force: true });
});

describe('the console, officer to supervisor', () => {
  let recipientContext: BrowserContext;
  let inbox: WatchedPage;

  test(
    'an officer signs in and a notice published meanwhile appears in the inbox without a reload',
    async () => {
      recipientContext = await browser.newContext();
      inbox = await openPage(recipientContext, { allowedOrigins: [url(RECIPIENT)] });
      await firstSignIn(inbox.page, url(RECIPIENT), officer);
      await inbox.page.goto(`${url(RECIPIENT)}/inbox`);
      await inbox.page.waitForSelector('body[data-live="open"]');
      const notice = messageToJson('accord.v1.CaseNotice', sampleNotice(ISSUER, { addressees: [RECIPIENT] }));
      const started = Date.now();
      const sent = await call(url(ISSUER), 'POST', '/api/v1/notices', { token: publisher, json: notice });
      expect(sent.status, sent.text).toBeLessThan(300);
      published = String(notice.noticeId as string);
      await inbox.page.waitForSelector(`a[href="/notices/${published}"]`, { timeout: 30_000 });
      console.info(`console: the new notice showed in the recipient's open inbox ${Date.now() - started} ms after the publish request`);
      await expectAccessible(inbox, 'the inbox');
      await screenshot(inbox.page, join(shots, 'inbox-en.png'));
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'opening the notice shows its TLP banner and values, and records the officer’s receipt',
    async () => {
      await inbox.page.click(`a[href="/notices/${published}"]`);
      await inbox.page.waitForURL(new RegExp(`/notices/${published}$`));
      const body = await inbox.page.locator('main').innerText();
      expect(body).toContain('TLP:AMBER');
      expect(body).toContain('Kamal Haddad');
      await expectAccessible(inbox, 'the notice page');
      await screenshot(inbox.page, join(shots, 'notice-en.png'));
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    "the issuer's supervisor sees the officer's receipt by name on the sent notice's page",
    async () => {
      supervisorContext = await browser.newContext();
      const sent = await openPage(supervisorContext, { allowedOrigins: [url(ISSUER)] });
      await firstSignIn(sent.page, url(ISSUER), supervisor, [await totp(0), await totp(1)]);
      const deadline = Date.now() + 30_000;
      let text = '';
      do {
        await sent.page.goto(`${url(ISSUER)}/sent/${published}`);
        text = await sent.page.locator('main').innerText();
        if (text.includes(officer.name)) break;
        await new Promise((r) => setTimeout(r, 500));
      } while (Date.now() < deadline);
      expect(text).toContain(officer.name);
      expect(text).toContain(RECIPIENT);
      await expectAccessible(sent, 'the sent notice page');
      await screenshot(sent.page, join(shots, 'sent-en.png'));
      await sent.page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'the console in Arabic is laid out right to left',
    async () => {
      await inbox.page.goto(`${url(RECIPIENT)}/inbox`);
      await inbox.page.selectOption('#lang-select', 'ar');
      await inbox.page.locator('form[action="/lang"] button').click();
      await inbox.page.waitForSelector('html[dir="rtl"]');
      await expectAccessible(inbox, 'the inbox in Arabic');
      await screenshot(inbox.page, join(shots, 'inbox-ar.png'));
      await inbox.page.goto(`${url(RECIPIENT)}/notices/${published}`);
      await expectAccessible(inbox, 'the notice page in Arabic');
      await screenshot(inbox.page, join(shots, 'notice-ar.png'));
      await inbox.page.goto(`${url(RECIPIENT)}/sign-in`);
      await screenshot(inbox.page, join(shots, 'sign-in-ar.png'));
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});

describe('hostile notice text in the console', () => {
  test(
    'renders inert in the inbox, the notice, its print view and the case timeline',
    async () => {
      const notice = hostileNotice();
      const sent = await call(url(ISSUER), 'POST', '/api/v1/notices', { token: publisher, json: notice });
      expect(sent.status, sent.text).toBe(200);
      expect(sent.body, sent.text).toMatchObject({ status: 'accepted' });
      const id = String(notice.noticeId as string);
      const context = await browser.newContext();
      const watched = await openPage(context, { allowedOrigins: [url(RECIPIENT)] });
      await signIn(watched.page, url(RECIPIENT), officer.name, officer.password);
      await watched.page.waitForURL(/\/inbox$/);
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (await watched.page.locator(`a[href="/notices/${id}"]`).count()) === 0) {
        await new Promise((r) => setTimeout(r, 500));
        await watched.page.reload();
      }
      let shown = 0;
      for (const path of ['/inbox', `/notices/${id}`, `/notices/${id}/print`, `/cases/${encodeURIComponent(String(notice.caseRef))}`]) {
        const page = await openPage(context, { allowedOrigins: [url(RECIPIENT)] });
        await page.page.goto(`${url(RECIPIENT)}${path}`);
        await page.settle();
        await expectInert(page, { payloads: ADMISSIBLE });
        // Nothing a click could fire either: no javascript: link, no event handler, no frame, no form off the node.
        const live = (await page.page.evaluate(LIVE_MARKUP)) as string[];
        expect(live, path).toEqual([]);
        const text = await page.page.locator('body').innerText();
        // Bidi and zero-width controls are shown as markers naming them, never obeyed.
        expect(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u.test(text), `${path}: a raw control character`).toBe(false);
        if (path === `/notices/${id}`) expect(text).toMatch(/U\+20(0D|2E|66)/);
        if (path === `/notices/${id}`)
          shown = ADMISSIBLE.filter((p) => text.includes(p.text.replace(/[\u200d\u202a-\u202e\u2066-\u2069]/gu, '').slice(0, 12))).length;
        await page.page.close();
      }
      console.info(
        `hostile text: ${ADMISSIBLE.length} payloads sent; ${shown} shown as text on the notice page (the rest scrubbed by the bus); no dialog, no foreign request in 4 pages`,
      );
      expect(shown).toBeGreaterThan(ADMISSIBLE.length / 2);
      await context.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});

describe('the composer, supervisor to recipients', () => {
  const ACCOUNT = 'IT60X0542811101000000123456';
  const SMUGGLER = 'Karim Mansour';

  /** An officer's inbox, signed in and listening for new views. */
  async function liveInbox(agency: string, who: { name: string; oneTime: string; password: string }, first: boolean): Promise<WatchedPage> {
    const context = await browser.newContext();
    const watched = await openPage(context, { allowedOrigins: [url(agency)] });
    if (first) await firstSignIn(watched.page, url(agency), who);
    else await signIn(watched.page, url(agency), who.name, who.password);
    await watched.page.goto(`${url(agency)}/inbox`);
    await watched.page.waitForSelector('body[data-live="open"]');
    return watched;
  }

  /** Selects `part` of the summary, as an officer would with the mouse, for a markup tool. */
  async function selectInSummary(page: WatchedPage['page'], part: string): Promise<void> {
    await page.locator('#summary').evaluate((area, wanted) => {
      // The browser's element: a textarea (the test's own types have no DOM).
      const field = area as unknown as { value: string; focus(): void; setSelectionRange(start: number, end: number): void };
      const start = field.value.indexOf(wanted);
      field.focus();
      field.setSelectionRange(start, start + wanted.length);
    }, part);
  }

  test(
    'a notice composed with a marked-up summary reaches each recipient live, with exactly the categories its preview showed',
    async () => {
      if (!supervisorContext) throw new Error('the supervisor was not signed in by the test before');
      const inboxes: Record<string, WatchedPage> = {
        [RECIPIENT]: await liveInbox(RECIPIENT, officer, false),
        [PROSECUTOR]: await liveInbox(PROSECUTOR, prosecutorOfficer, true),
      };
      const composer = await openPage(supervisorContext, { allowedOrigins: [url(ISSUER)] });
      const page = composer.page;
      await page.goto(`${url(ISSUER)}/compose`);
      await expectAccessible(composer, 'the composer');
      await page.getByLabel('Case reference').fill('IT-PA-2026-0077');
      await page.getByLabel('Notice type').selectOption('ALERT');
      await page.getByLabel('Mode of travel').selectOption('SEA');
      await page.locator('#tlp-AMBER').check();
      await page.getByLabel('Countries of origin').fill('NE');
      await page.getByLabel('Countries of transit').fill('LY');
      await page.getByLabel('Countries of destination').fill('IT');
      await page.locator(`#addressee-${RECIPIENT}`).check();
      await page.locator(`#addressee-${PROSECUTOR}`).check();
      await page.locator('#persons-0-role').selectOption('SMUGGLER_SUSPECT');
      await page.locator('#persons-0-fullName').fill(SMUGGLER);
      await page.locator('#persons-0-minor').selectOption('no');
      await page.locator('#financial-0-account').fill(ACCOUNT);
      await page.locator('#financial-0-amount').fill('2500.00');
      await page.locator('#financial-0-currency').fill('EUR');
      await page.locator('#locations-0-lat').fill('32.93');
      await page.locator('#locations-0-lon').fill('12.08');
      await page.locator('#locations-0-label').fill('Zuwara harbour');
      await page.locator('#summary').fill(`The boat was steered by ${SMUGGLER}; the boy's uncle paid.`);
      // The markup tools: the name becomes a reference to the person, the uncle a span of migrant identity.
      await selectInSummary(page, SMUGGLER);
      await page.getByLabel('Element of the notice').selectOption('persons[0].fullName');
      await page.getByRole('button', { name: 'Insert a reference to it' }).click();
      await selectInSummary(page, "the boy's uncle");
      await page.getByLabel('Category', { exact: true }).selectOption('migrant.identity');
      await page.getByRole('button', { name: 'Tag the selected words with it' }).click();
      expect(await page.locator('#summary').inputValue()).toBe(
        "The boat was steered by {{persons[0].fullName}}; {{migrant.identity:the boy's uncle}} paid.",
      );

      await page.getByRole('button', { name: 'Preview what each agency receives' }).click();
      await page.waitForSelector('#preview');
      await expectAccessible(composer, 'the composer with its preview');
      await screenshot(page, join(shots, 'compose-en.png'));
      const previewed: Record<string, string[]> = {};
      for (const agency of [RECIPIENT, PROSECUTOR]) {
        const row = page.locator(`tr[data-agency="${agency}"]`);
        expect(await row.getAttribute('data-delivered'), agency).toBe('yes');
        previewed[agency] = ((await row.getAttribute('data-categories')) ?? '').split(' ').sort();
      }
      // Two roles, two grants: otherwise this would not show that each gets only its own.
      expect(previewed[RECIPIENT]).not.toEqual(previewed[PROSECUTOR]);

      const started = Date.now();
      await page.getByRole('button', { name: 'Send the notice' }).click();
      await page.waitForURL(/\/sent\/[0-9a-f-]{36}$/);
      const noticeId = page.url().split('/').pop() ?? '';
      for (const agency of [RECIPIENT, PROSECUTOR]) {
        await inboxes[agency]?.page.waitForSelector(`a[href="/notices/${noticeId}"]`, { timeout: 30_000 });
        console.info(`composer: the sent notice showed in ${agency}'s open inbox ${Date.now() - started} ms after Send`);
      }
      for (const agency of [RECIPIENT, PROSECUTOR]) {
        const got = await call(url(agency), 'GET', `/api/v1/views/${noticeId}`, { token: readers[agency] ?? '' });
        expect(got.status, got.text).toBe(200);
        const view = (got.body as { view: { grantedCategories?: string[] } }).view;
        expect([...(view.grantedCategories ?? [])].sort(), agency).toEqual(previewed[agency]);
        const inbox = inboxes[agency];
        if (!inbox) continue;
        await inbox.page.goto(`${url(agency)}/notices/${noticeId}`);
        const shown = await inbox.page.locator('main').innerText();
        expect(shown.includes(ACCOUNT), `${agency} sees the account`).toBe(previewed[agency]?.includes('financial'));
        expect(shown.includes(SMUGGLER), `${agency} sees the name`).toBe(previewed[agency]?.includes('smuggler.identity'));
        await inbox.page.context().close();
      }
      // The supervisor's pages in Arabic, right to left.
      await page.selectOption('#lang-select', 'ar');
      await page.locator('form[action="/lang"] button').click();
      await page.waitForSelector('html[dir="rtl"]');
      await expectAccessible(composer, 'the sent notice page in Arabic');
      await screenshot(page, join(shots, 'sent-ar.png'));
      await page.goto(`${url(ISSUER)}/compose`);
      await expectAccessible(composer, 'the composer in Arabic');
      await screenshot(page, join(shots, 'compose-ar.png'));
      await composer.page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});

describe('every page of the console', () => {
  test(
    'has no serious or critical accessibility violation, in English and in Arabic',
    async () => {
      if (!supervisorContext) throw new Error('the supervisor was not signed in by the tests before');
      const checked: string[] = [];
      const check = async (watched: WatchedPage, path: string): Promise<void> => {
        await watched.page.goto(`${new URL(watched.page.url()).origin}${path}`);
        await expectAccessible(watched, path);
        checked.push(`${path} (${(await watched.page.getAttribute('html', 'lang')) ?? '?'})`);
      };
      const signedOut = await openPage(await browser.newContext(), { allowedOrigins: [url(ISSUER)] });
      await signedOut.page.goto(`${url(ISSUER)}/sign-in`);
      await check(signedOut, '/sign-in');
      await screenshot(signedOut.page, join(shots, 'sign-in-en.png'));
      // The admin's first sign-in passes through the password change page.
      await signIn(signedOut.page, url(ISSUER), admin.name, admin.oneTime, await totp(0, admin.secret));
      await signedOut.page.waitForURL(/\/password$/);
      await expectAccessible(signedOut, '/password (one-time)');
      await signedOut.page.getByLabel(/new password/i).fill(admin.password);
      await signedOut.page.getByRole('button', { name: /change password/i }).click();
      await signedOut.page.waitForURL(/\/sign-in$/);
      await signIn(signedOut.page, url(ISSUER), admin.name, admin.password, await totp(1, admin.secret));
      await signedOut.page.waitForURL(/\/admin$/);
      await check(signedOut, '/admin');
      await signedOut.page.context().close();

      const supervisorPage = await openPage(supervisorContext, { allowedOrigins: [url(ISSUER)] });
      await supervisorPage.page.goto(`${url(ISSUER)}/sent`);
      for (const lang of ['en', 'ar']) {
        await supervisorPage.page.selectOption('#lang-select', lang);
        await supervisorPage.page.locator('form[action="/lang"] button').click();
        await supervisorPage.page.waitForSelector(`html[lang="${lang}"]`);
        for (const path of ['/sent', `/sent/${published}`, '/quarantine', '/password', '/inbox']) await check(supervisorPage, path);
      }
      const officerPage = await openPage(await browser.newContext(), { allowedOrigins: [url(RECIPIENT)] });
      await signIn(officerPage.page, url(RECIPIENT), officer.name, officer.password);
      await officerPage.page.waitForURL(/\/inbox$/);
      const caseRef = encodeURIComponent(String(sampleNotice(ISSUER).caseRef));
      for (const path of [`/notices/${published}/print`, `/cases/${caseRef}`, '/nowhere']) await check(officerPage, path);
      await officerPage.page.context().close();
      await supervisorPage.page.close();
      console.info(`axe: no serious or critical violation in ${checked.length} pages: ${checked.join(', ')}`);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
