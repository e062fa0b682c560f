/**
 * The browser harness itself: what it records, what it stops, axe under the console's CSP,
 * screenshots, and a browser that leaves no profile behind.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
  type TestBrowser,
} from './browser.js';
import { CONSOLE_CSP, htmlDocument, serveLocal, type LocalPage, type LocalServer } from './local-server.js';

let browser: TestBrowser;
let context: BrowserContext;
let site: LocalServer;
/** A second origin that is really listening: a request that left the browser would reach it. */
let elsewhere: LocalServer;
const elsewhereHits: string[] = [];

const PAGES: Record<string, LocalPage> = {
  '/under-csp': {
    headers: { 'content-security-policy': CONSOLE_CSP },
    body: htmlDocument(
      'Under the console CSP',
      '<main><h1>Two faults</h1><img src="/pixel"><button></button><script>alert("the CSP is off")</script></main>',
    ),
  },
  '/clean': {
    headers: { 'content-security-policy': CONSOLE_CSP },
    body: htmlDocument('Clean', '<main><h1>Nothing wrong</h1><p>Text.</p></main>'),
  },
  '/errors': { body: htmlDocument('Errors', '<main><script>console.error("logged"); throw new Error("uncaught")</script></main>') },
  '/pixel': { headers: { 'content-type': 'image/svg+xml' }, body: '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>' },
};

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext();
  site = await serveLocal((path) => {
    if (path === '/elsewhere') {
      return {
        body: htmlDocument(
          'Links out',
          `<main><img src="${elsewhere.origin}/img" alt="x"><a href="${elsewhere.origin}/popup" target="_blank">out</a></main>`,
        ),
      };
    }
    return PAGES[path];
  });
  elsewhere = await serveLocal((path) => {
    elsewhereHits.push(path);
    return { body: 'reached' };
  });
}, BROWSER_TEST_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await elsewhere?.close();
});

describe('the browser harness', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  test('a request to an origin not allowed is recorded and aborted, a popup opened by the page included', async () => {
    const watched = await openPage(context, { allowedOrigins: [site.origin] });
    await watched.page.goto(`${site.origin}/elsewhere`);
    await watched.settle();
    expect(await clickEverything(watched)).toBe(1);
    expect(watched.foreignRequests.map((r) => `${r.type} ${r.url}`)).toEqual([
      `image ${elsewhere.origin}/img`,
      `document ${elsewhere.origin}/popup`,
    ]);
    expect(watched.requests.map((r) => r.url)).toContain(`${site.origin}/elsewhere`);
    expect(elsewhereHits).toEqual([]);
  });

  test('axe runs in a page under the console CSP and names what is wrong there', async () => {
    const watched = await openPage(context, { allowedOrigins: [site.origin] });
    await watched.page.goto(`${site.origin}/under-csp`);
    await watched.settle();
    const violations = await axeViolations(watched.page, { impact: ['serious', 'critical'] });
    console.log(formatAxe(violations));
    expect(violations.map((v) => `${v.id} at ${v.targets.join(', ')}`).sort()).toEqual(['button-name at button', 'image-alt at img']);
    expect(violations.every((v) => v.help !== '' && v.helpUrl.startsWith('https://'))).toBe(true);
    // The CSP was in force: the page's inline script was refused, and axe itself set off nothing.
    expect(watched.dialogs).toEqual([]);
    expect(watched.cspViolations.map((v) => `${v.directive} ${v.blockedURI}`)).toEqual(['script-src-elem inline']);
    const response = await watched.page.request.get(`${site.origin}/under-csp`);
    expect(response.headers()['content-security-policy']).toBe(CONSOLE_CSP);
  });

  test('axe finds no serious or critical violation in a clean page', async () => {
    const watched = await openPage(context, { allowedOrigins: [site.origin] });
    await watched.page.goto(`${site.origin}/clean`);
    expect(formatAxe(await axeViolations(watched.page))).toBe('');
  });

  test('console errors and uncaught errors are recorded', async () => {
    const watched = await openPage(context, { allowedOrigins: [site.origin] });
    await watched.page.goto(`${site.origin}/errors`);
    await watched.settle();
    expect(watched.consoleErrors).toEqual(['logged']);
    expect(watched.pageErrors).toEqual(['uncaught']);
  });

  test('a screenshot is a PNG in the folder given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-shots-'));
    try {
      const watched = await openPage(context, { allowedOrigins: [site.origin] });
      await watched.page.goto(`${site.origin}/clean`);
      const file = await screenshot(watched.page, join(dir, 'nested', 'clean'));
      expect(file).toBe(join(dir, 'nested', 'clean.png'));
      expect(readFileSync(file).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a browser runs on a fresh temporary profile, removed when it closes', async () => {
    const other = await launchBrowser();
    let profile = '';
    try {
      const page = await (await other.newContext()).newPage();
      await page.goto('chrome://version');
      profile = dirname((await page.locator('#profile_path').textContent()) ?? '');
      expect(dirname(profile)).toBe(tmpdir());
      expect(existsSync(profile)).toBe(true);
    } finally {
      await other.close();
    }
    expect(existsSync(profile)).toBe(false);
  });
});
