/**
 * A real Chromium for the console's browser tests, and pages that record everything they
 * try: every request (a request to an origin the test did not allow is aborted, so it never
 * leaves), every dialog (dismissed), console errors, uncaught errors and CSP violations.
 * One browser per test file: `launchBrowser()` in `beforeAll`, `close()` in `afterAll`.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Request } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Chromium shares two cores with the rest of the suite: generous, and nothing is timed. */
export const BROWSER_TEST_TIMEOUT_MS = 120_000;
/** Git-ignored; where tests put the screenshots a person may look at. */
export const SCREENSHOT_DIR = 'test-output/screenshots';

export interface TestBrowser {
  browser: Browser;
  /** A context of its own (cookies, storage); service workers blocked, so every request meets the guard. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Closes every context and the browser; Playwright removes the temporary profile it launched with. */
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile: Playwright's `launch()` creates a temporary
 * user-data dir (`playwright_chromiumdev_profile-*` in the OS temp dir) and removes it on
 * close, which `launchPersistentContext` would leave to us, with one context only.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: scripts/setup.sh installs Debian's chromium`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  return {
    browser,
    newContext: (options = {}) => browser.newContext({ serviceWorkers: 'block', acceptDownloads: false, ...options }),
    close: () => browser.close(),
  };
}

export interface RecordedRequest {
  url: string;
  /** Playwright's resource type: document, image, stylesheet, fetch, ... */
  type: string;
  method: string;
}
export interface RecordedDialog {
  type: string;
  message: string;
}
export interface CspViolation {
  directive: string;
  /** `inline`, `eval`, or the URL that was refused. */
  blockedURI: string;
  disposition: string;
  /** The document that reported it (`about:srcdoc` for an iframe's). */
  documentURI: string;
  sample: string;
}

/** What a page (and any popup it opened) tried, in the order it happened. */
export interface PageRecord {
  readonly requests: readonly RecordedRequest[];
  /** Requests to an origin not allowed: aborted, so none left the browser. */
  readonly foreignRequests: readonly RecordedRequest[];
  readonly dialogs: readonly RecordedDialog[];
  readonly consoleErrors: readonly string[];
  readonly pageErrors: readonly string[];
  /** Attempts the page's CSP blocked: evidence of an attempt, not of anything running. */
  readonly cspViolations: readonly CspViolation[];
}

export interface WatchedPage extends PageRecord {
  readonly page: Page;
  readonly allowedOrigins: ReadonlySet<string>;
  /** Resolves true once `check()` holds (checked after each recorded event), false after timeoutMs. */
  waitFor(check: () => boolean, timeoutMs: number): Promise<boolean>;
  /**
   * Waits until the page has been quiet for `quietMs`: no request in flight (event streams
   * aside) and nothing recorded or navigated, after letting the page run its queued tasks.
   * This is the wait that proves a negative; the control page shows it is long enough to
   * see every payload fire. Resolves false if the page was still busy after `maxMs`.
   */
  settle(options?: { quietMs?: number; maxMs?: number }): Promise<boolean>;
}

/**
 * A new page in `context`, recorded from its first request. The guard is installed on the
 * context (routes, dialogs, the CSP binding), not on the page, so a popup's first request
 * is caught too: it is charged to the page that opened it.
 */
export async function openPage(context: BrowserContext, options: { allowedOrigins: readonly string[] }): Promise<WatchedPage> {
  const guard = await guardOf(context);
  const page = await context.newPage();
  const watched = new Watched(page, new Set(options.allowedOrigins.map((origin) => new URL(origin).origin)));
  guard.owners.set(page, watched);
  watched.attach(page);
  return watched;
}

/**
 * The look a console test takes at a page, the one the control page shows is enough: open
 * it, let it settle, click every link and button.
 */
export async function visit(context: BrowserContext, url: string, options: { allowedOrigins: readonly string[] }): Promise<WatchedPage> {
  const watched = await openPage(context, options);
  await watched.page.goto(url);
  await watched.settle();
  await clickEverything(watched);
  return watched;
}

type Role = Parameters<Page['getByRole']>[0];

/**
 * Clicks every visible link and button (found by role, as a person would), settling after
 * each and going back to the starting URL when a click navigated away. Returns how many
 * were clicked: none when the page is already Chromium's error page (its navigation was
 * blocked), whose Reload button is not the page's.
 */
export async function clickEverything(watched: WatchedPage, roles: readonly Role[] = ['link', 'button']): Promise<number> {
  const { page } = watched;
  const start = page.url();
  if (start.startsWith('chrome-error:')) return 0;
  let clicked = 0;
  for (const role of roles) {
    const count = await page.getByRole(role).count();
    for (let i = 0; i < count; i++) {
      if (page.url() !== start) {
        await page.goto(start);
        await watched.settle();
      }
      const target = page.getByRole(role).nth(i);
      if (!(await target.isVisible())) continue;
      await target.click({ timeout: 10_000 });
      clicked++;
      await watched.settle();
    }
  }
  return clicked;
}

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** One selector per offending element (frames separated by ` >>> `, shadow roots by ` >> `). */
  targets: string[];
}

/**
 * Runs axe-core in the page. The page's CSP forbids inline script, so `axe.source` is not
 * added as a script element but evaluated through the DevTools protocol, which the page's
 * CSP does not govern (tested against a page under the console's CSP).
 */
export async function axeViolations(
  page: Page,
  options: { impact: readonly AxeImpact[] } = { impact: ['serious', 'critical'] },
): Promise<AxeViolation[]> {
  for (const frame of page.frames()) {
    // Not `'axe' in globalThis`: an element with id="axe" is a window property too.
    const present = await frame
      .evaluate(() => typeof (globalThis as { axe?: { run?: unknown } }).axe?.run === 'function')
      .catch(() => true);
    if (!present) await frame.evaluate(axe.source).catch(() => undefined);
  }
  const all = await page.evaluate(async () => {
    const results = await (globalThis as unknown as { axe: typeof axe }).axe.run({ resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((node) => node.target.map((part) => (Array.isArray(part) ? part.join(' >> ') : part)).join(' >>> ')),
    }));
  });
  return all.filter((v) => (options.impact as readonly string[]).includes(v.impact));
}

/** One line per violation and element, for a failing test to print. */
export function formatAxe(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${v.targets.map((t) => `    at ${t}`).join('\n')}`)
    .join('\n');
}

/** A full-page PNG at `file` (its folder made if missing); returns the absolute path. */
export async function screenshot(page: Page, file: string): Promise<string> {
  const path = resolve(file.endsWith('.png') ? file : `${file}.png`);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true, type: 'png' });
  return path;
}

const CSP_BINDING = '__accordCspViolation';

interface Guard {
  owners: Map<Page, Watched>;
}
const guards = new WeakMap<BrowserContext, Promise<Guard>>();

class Watched implements WatchedPage {
  readonly requests: RecordedRequest[] = [];
  readonly foreignRequests: RecordedRequest[] = [];
  readonly dialogs: RecordedDialog[] = [];
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];
  readonly cspViolations: CspViolation[] = [];
  readonly inflight = new Set<Request>();
  lastActivity = Date.now();
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly page: Page,
    readonly allowedOrigins: ReadonlySet<string>,
  ) {}

  /** Listens to what only a page reports (navigations); the rest comes from the context. */
  attach(page: Page): void {
    page.on('framenavigated', () => this.touch());
    page.on('load', () => this.touch());
  }

  touch(): void {
    this.lastActivity = Date.now();
    for (const wake of this.waiters) wake();
  }

  allows(url: string): boolean {
    const parsed = new URL(url);
    if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
    return this.allowedOrigins.has(parsed.origin);
  }

  async settle(options: { quietMs?: number; maxMs?: number } = {}): Promise<boolean> {
    const { quietMs = 500, maxMs = 15_000 } = options;
    const deadline = Date.now() + maxMs;
    this.touch();
    while (Date.now() < deadline) {
      await flushTasks(this.page);
      const idle = Date.now() - this.lastActivity;
      if (this.inflight.size === 0 && idle >= quietMs) return true;
      await delay(Math.max(20, Math.min(100, quietMs - idle)));
    }
    return false;
  }

  waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
    if (check()) return Promise.resolve(true);
    return new Promise((done) => {
      const finish = (result: boolean): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        done(result);
      };
      const wake = (): void => {
        if (check()) finish(true);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(wake);
    });
  }
}

function guardOf(context: BrowserContext): Promise<Guard> {
  let guard = guards.get(context);
  if (!guard) {
    guard = installGuard(context);
    guards.set(context, guard);
  }
  return guard;
}

async function installGuard(context: BrowserContext): Promise<Guard> {
  const owners = new Map<Page, Watched>();
  const everyone = (): Watched[] => [...new Set(owners.values())];
  /** The recorder of a page, or of the page that opened it (a popup is adopted). */
  const ownerOf = async (page: Page | null): Promise<Watched | undefined> => {
    if (!page) return undefined;
    const known = owners.get(page);
    if (known) return known;
    const owner = await ownerOf(await page.opener().catch(() => null));
    if (owner) {
      owners.set(page, owner);
      owner.attach(page);
    }
    return owner;
  };
  const pageOfRequest = (request: Request): Page | null => {
    try {
      return request.frame().page();
    } catch {
      return null; // a service worker's request has no frame
    }
  };

  await context.exposeBinding(CSP_BINDING, async ({ page }, violation: CspViolation) => {
    const owner = await ownerOf(page);
    owner?.cspViolations.push(violation);
    owner?.touch();
  });
  // Init scripts and bindings are installed through the DevTools protocol: the page's CSP does not stop them.
  await context.addInitScript((binding: string) => {
    interface ViolationEvent {
      effectiveDirective: string;
      blockedURI: string;
      disposition: string;
      documentURI: string;
      sample: string;
    }
    const scope = globalThis as unknown as {
      document: { addEventListener(type: string, listener: (event: ViolationEvent) => void, capture: boolean): void };
    } & Record<string, (violation: CspViolation) => void>;
    scope.document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        scope[binding]?.({
          directive: e.effectiveDirective,
          blockedURI: e.blockedURI,
          disposition: e.disposition,
          documentURI: e.documentURI,
          sample: e.sample,
        });
      },
      true,
    );
  }, CSP_BINDING);

  await context.route('**/*', async (route) => {
    const request = route.request();
    const entry: RecordedRequest = { url: request.url(), type: request.resourceType(), method: request.method() };
    const owner = await ownerOf(pageOfRequest(request));
    // A request no recorded page made (a page opened without openPage) is charged to every one.
    const charged = owner ? [owner] : everyone();
    const foreign = owner ? !owner.allows(entry.url) : !everyone().some((w) => w.allows(entry.url));
    for (const w of charged) {
      w.requests.push(entry);
      if (foreign) w.foreignRequests.push(entry);
      w.touch();
    }
    await (foreign ? route.abort('blockedbyclient') : route.fallback()).catch(() => undefined);
  });

  // A popup's owner is looked up asynchronously, so a request may be seen finished before it is seen started.
  const finishedRequests = new WeakSet<Request>();
  context.on('request', (request) => {
    if (request.resourceType() === 'eventsource') return; // open for as long as the page is
    void ownerOf(pageOfRequest(request)).then((owner) => {
      if (!finishedRequests.has(request)) owner?.inflight.add(request);
      owner?.touch();
    });
  });
  const finished = (request: Request): void => {
    finishedRequests.add(request);
    void ownerOf(pageOfRequest(request)).then((owner) => {
      owner?.inflight.delete(request);
      owner?.touch();
    });
  };
  context.on('requestfinished', finished);
  context.on('requestfailed', finished);

  context.on('dialog', (dialog) => {
    const entry: RecordedDialog = { type: dialog.type(), message: dialog.message() };
    void dialog.dismiss().catch(() => undefined);
    void ownerOf(dialog.page()).then((owner) => {
      owner?.dialogs.push(entry);
      owner?.touch();
    });
  });
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    void ownerOf(message.page()).then((owner) => {
      owner?.consoleErrors.push(message.text());
      owner?.touch();
    });
  });
  context.on('weberror', (error) => {
    void ownerOf(error.page()).then((owner) => {
      owner?.pageErrors.push(error.error().message);
      owner?.touch();
    });
  });
  context.on('page', (page) => void ownerOf(page));
  return { owners };
}

/** Lets the page run what it has queued (a toggle event, a scheduled navigation) before the next look. */
async function flushTasks(page: Page): Promise<void> {
  const tick = page
    .evaluate(
      () =>
        new Promise<void>((done) => {
          setTimeout(done, 0);
        }),
    )
    .catch(() => undefined); // navigating or closed: the next look will tell
  await Promise.race([tick, delay(1000)]);
}

const delay = (ms: number): Promise<void> =>
  new Promise((done) => {
    setTimeout(done, ms);
  });
