/**
 * The inert check judged on two pages under the console's CSP: one that encodes every
 * payload and shows control characters as markers (as the console is to), which passes;
 * and one that writes them raw, where the CSP stops every script and every foreign load
 * but not a form, a refresh, or control characters: the console must encode, whatever
 * its CSP.
 */
import { type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  axeViolations,
  BROWSER_TEST_TIMEOUT_MS,
  clickEverything,
  formatAxe,
  launchBrowser,
  openPage,
  screenshot,
  SCREENSHOT_DIR,
  type TestBrowser,
} from './browser.js';
import { codePoint, HOSTILE_PAYLOADS, payloadsFiredIn, visitEach } from './hostile-corpus.js';
import { expectControlsShown, expectInert } from './inert-check.js';
import { CONSOLE_CSP, htmlDocument, serveLocal, type LocalServer } from './local-server.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Controls and format characters (bidi, zero-width), line breaks and tabs aside. */
const CONTROL = /(?![\n\t])[\p{Cc}\p{Cf}]/gu;

/** A stand-in for the console's encoding, to test the check with: text escaped, controls shown by name. */
const encode = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c).replace(CONTROL, (c) => `<span class="ctl">${codePoint(c)}</span>`);

const notice = (texts: readonly string[]): string =>
  `<main><h1>Notice</h1><dl>${texts.map((t, i) => `<dt>Field ${i + 1}</dt><dd>${t}</dd>`).join('')}</dl></main>`;

let browser: TestBrowser;
let context: BrowserContext;
let server: LocalServer;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext();
  server = await serveLocal((path) => {
    const headers = { 'content-security-policy': CONSOLE_CSP };
    if (path === '/encoded') return { headers, body: htmlDocument('Encoded notice', notice(HOSTILE_PAYLOADS.map((p) => encode(p.text)))) };
    const raw = /^\/raw\/(\d+)$/.exec(path)?.[1];
    const payload = raw === undefined ? undefined : HOSTILE_PAYLOADS[Number(raw)];
    return payload && { headers, body: htmlDocument(`Raw: ${payload.name}`, notice([payload.text])) };
  });
}, BROWSER_TEST_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the inert check', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  test('passes a page that encodes every payload, under the console CSP', async () => {
    const watched = await openPage(context, { allowedOrigins: [server.origin] });
    await watched.page.goto(`${server.origin}/encoded`);
    await watched.settle();
    expect(await clickEverything(watched)).toBe(0);
    expect(await expectInert(watched, { payloads: HOSTILE_PAYLOADS })).toEqual([]);
    await expectControlsShown(watched, { payloads: HOSTILE_PAYLOADS });
    expect(formatAxe(await axeViolations(watched.page))).toBe('');
    await screenshot(watched.page, `${SCREENSHOT_DIR}/inert-check-encoded.png`);
  });

  test('under the CSP alone, raw payloads are stopped except a form, a refresh and control characters', async () => {
    const visited = await visitEach(context, HOSTILE_PAYLOADS, (index) => `${server.origin}/raw/${index}`, {
      allowedOrigins: [server.origin],
    });
    const outcomes = await Promise.all(
      visited.map(async ({ payload, watched }) => ({
        name: payload.name,
        fired: (await payloadsFiredIn(watched, [payload])).length > 0,
        blocked: watched.cspViolations.map((v) => v.directive),
      })),
    );
    console.log(outcomes.map((o) => `${o.name.padEnd(20)} ${(o.fired ? 'fired' : '-').padEnd(6)} ${o.blocked.join(' ')}`).join('\n'));
    expect(outcomes.filter((o) => o.fired).map((o) => o.name)).toEqual([
      'form-action',
      'meta-refresh',
      'bidi-override',
      'bidi-isolates',
      'zero-width-joiner',
      'osc52-clipboard',
      'ansi-escape',
    ]);
    // Every other payload but the template (which tries nothing without an engine) was an attempt the CSP refused.
    const refused = outcomes.filter((o) => !o.fired && o.name !== 'template-injection');
    expect(refused.filter((o) => o.blocked.length === 0).map((o) => o.name)).toEqual([]);
  });
});
