import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { AUDIT_CONTRAST_PAIRS, AUDIT_CSS, AUDIT_JS, KIND_COLOURS } from '../../libs/audit-console/index.js';
import { AUDIT_KINDS } from '../../libs/audit/index.js';
import { CONSOLE_CSS } from '../../libs/console/index.js';
import { contrast } from '../harness/contrast.js';

interface Answer {
  status: number;
  type: string;
  body: unknown;
}

/** Just enough of a browser for the verify page's script: the progress bar, the status line, fetch, timers, reload. */
function fakeBrowser(answers: Answer[], options: { bar?: boolean } = {}) {
  const bar = { value: 0, textContent: '', getAttribute: (name: string) => (name === 'data-status' ? '/verify/status' : null) };
  const line = { textContent: 'Verifying' };
  const fetched: { url: string; init: unknown }[] = [];
  const timers: (() => void)[] = [];
  let reloads = 0;
  const window = {
    setTimeout: (fn: () => void) => void timers.push(fn),
    location: { reload: () => void (reloads += 1) },
  };
  const globals = {
    window,
    document: {
      getElementById: (id: string) =>
        id === 'verify-progress' ? (options.bar === false ? null : bar) : id === 'verify-status' ? line : null,
    },
    Number,
    Error,
    fetch: (url: string, init: unknown) => {
      fetched.push({ url, init });
      const a = answers.shift() ?? { status: 500, type: 'text/plain', body: '' };
      return Promise.resolve({ status: a.status, headers: { get: () => a.type }, json: () => Promise.resolve(a.body) });
    },
  };
  runInNewContext(AUDIT_JS, globals);
  /** Runs the next timer the script set, and lets its promises settle. */
  const tick = async (): Promise<void> => {
    timers.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((r) => setImmediate(r));
  };
  return { bar, line, fetched, timers, tick, reloads: () => reloads };
}

const json = (body: unknown): Answer => ({ status: 200, type: 'application/json; charset=utf-8', body });

describe("the verify page's script", () => {
  test('polls the status, same origin, and moves the bar and the line while it runs', async () => {
    const browser = fakeBrowser([json({ state: 'running', percent: 42, checked: 420, text: 'Verifying: 420 records checked so far.' })]);
    await browser.tick();
    expect(browser.fetched).toEqual([
      { url: '/verify/status', init: { credentials: 'same-origin', redirect: 'error', headers: { accept: 'application/json' } } },
    ]);
    expect(browser.bar.value).toBe(42);
    expect(browser.bar.textContent).toBe('42%');
    expect(browser.line.textContent).toBe('Verifying: 420 records checked so far.');
    expect(browser.timers).toHaveLength(1);
  });

  test('once the verification is over, loads the page again to show its outcome', async () => {
    const browser = fakeBrowser([json({ state: 'running', percent: 10 }), json({ state: 'done', percent: 100 })]);
    await browser.tick();
    await browser.tick();
    expect(browser.reloads()).toBe(1);
    expect(browser.timers).toHaveLength(0);
  });

  test('an answer that is not the JSON status (an error, HTML) changes nothing and tries again later', async () => {
    const browser = fakeBrowser([
      { status: 503, type: 'text/html', body: '' },
      { status: 200, type: 'text/html', body: { state: 'done' } },
    ]);
    await browser.tick();
    await browser.tick();
    expect(browser.reloads()).toBe(0);
    expect(browser.bar.value).toBe(0);
    expect(browser.timers).toHaveLength(1);
  });

  test('does nothing on a page without a verification under way', () => {
    const browser = fakeBrowser([], { bar: false });
    expect(browser.timers).toEqual([]);
  });

  test('uses no eval, no markup from the answer, no inline handler, no timer strings', () => {
    expect(AUDIT_JS).not.toMatch(
      /\beval\b|new Function|innerHTML|outerHTML|insertAdjacentHTML|document\.write|setTimeout\(\s*['"`]|\.on[a-z]+\s*=/,
    );
  });
});

describe("the auditor console's stylesheet", () => {
  test("is the node console's, then its own rules, with logical properties only", () => {
    expect(AUDIT_CSS.startsWith(CONSOLE_CSS)).toBe(true);
    expect(AUDIT_CSS.slice(CONSOLE_CSS.length)).not.toMatch(
      /(?:margin|padding|border)-(?:left|right)\b|\b(?:left|right)\s*:|text-align:\s*(?:left|right)|float:\s*(?:left|right)/,
    );
  });

  test('colours every kind by class, for bars and swatches alike', () => {
    for (const kind of AUDIT_KINDS) {
      expect(AUDIT_CSS).toContain(`.kind-${kind.toLowerCase()} { fill: ${KIND_COLOURS[kind]}; background-color: ${KIND_COLOURS[kind]}; }`);
    }
  });

  test.each(AUDIT_CONTRAST_PAIRS.map((p) => [p.what, p]))('%s meets WCAG 2.2 AA contrast', (_what, pair) => {
    expect(contrast(pair.fg, pair.bg)).toBeGreaterThanOrEqual(pair.min);
  });
});
