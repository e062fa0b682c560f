import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { CONSOLE_CSS, CONSOLE_JS } from '../../libs/console/index.js';

/** Just enough of a browser for the live inbox: a table body, an event source, fetch. */
function fakeBrowser(
  shownIds: string[],
  answer: (url: string) => { status: number; type: string; body: string; count?: string },
  search = '',
) {
  const rows = shownIds.map((id) => ({ dataset: { noticeId: id } }));
  const inserted: string[] = [];
  const fetched: { url: string; init: Record<string, unknown> }[] = [];
  const listeners = new Map<string, (event: { data?: string }) => void>();
  const sources: string[] = [];
  const body = { dataset: {} as Record<string, string> };
  const count = { textContent: 'Showing 1 of 1 notices.' };
  const tbody = {
    dataset: { live: '/console/rows/' },
    rows,
    querySelector: () => null,
    insertAdjacentHTML(where: string, markup: string) {
      inserted.push(`${where}:${markup}`);
      const id = /data-notice-id="([^"]*)"/.exec(markup)?.[1] ?? '';
      rows.unshift({ dataset: { noticeId: id } });
    },
  };
  class EventSource {
    static CLOSED = 2;
    readyState = 1;
    constructor(url: string) {
      sources.push(url);
    }
    addEventListener(type: string, listener: (event: { data?: string }) => void) {
      listeners.set(type, listener);
    }
  }
  const globals = {
    document: { body, getElementById: (id: string) => (id === 'inbox-rows' ? tbody : id === 'inbox-count' ? count : null) },
    window: { location: { search } },
    decodeURIComponent,
    EventSource,
    Set,
    JSON,
    encodeURIComponent,
    fetch: (url: string, init: Record<string, unknown>) => {
      fetched.push({ url, init });
      const a = answer(url);
      const headers = { get: (name: string) => (name === 'content-type' ? a.type : name === 'x-inbox-count' ? (a.count ?? null) : null) };
      return Promise.resolve({ status: a.status, headers, text: () => Promise.resolve(a.body) });
    },
  };
  runInNewContext(CONSOLE_JS, globals);
  const emit = (type: string, data?: unknown) => listeners.get(type)?.(data === undefined ? {} : { data: JSON.stringify(data) });
  const emitRaw = (type: string, data: string) => listeners.get(type)?.({ data });
  return { body, count, inserted, fetched, sources, emit, emitRaw };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const row = (id: string): string => `<tr data-notice-id="${id}"><td>x</td></tr>`;

describe('the live inbox script', () => {
  test('opens /api/v1/events and marks the page once the stream is open', () => {
    const browser = fakeBrowser([], () => ({ status: 200, type: 'text/html', body: '' }));
    expect(browser.sources).toEqual(['/api/v1/events']);
    expect(browser.body.dataset.live).toBeUndefined();
    browser.emit('open');
    expect(browser.body.dataset.live).toBe('open');
  });

  test('on a view event, fetches the server-rendered row, same origin, and inserts it at the top', async () => {
    const browser = fakeBrowser(['old'], (url) => ({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: row(decodeURIComponent(url.split('/').pop() ?? '')),
    }));
    browser.emit('view', { type: 'view', noticeId: 'n/1', deliverySeq: 4, receivedAt: '2026-12-02T00:00:00Z' });
    await flush();
    expect(browser.fetched).toEqual([
      { url: '/console/rows/n%2F1', init: { credentials: 'same-origin', redirect: 'error', headers: { accept: 'text/html' } } },
    ]);
    expect(browser.inserted).toEqual([`afterbegin:${row('n/1')}`]);
  });

  test("asks for the row with the open inbox's filters, and shows the count the node answers", async () => {
    const browser = fakeBrowser(
      [],
      () => ({ status: 200, type: 'text/html', body: row('a'), count: encodeURIComponent('Affichage de 2 avis sur 3.') }),
      '?tlp=RED&unread=1',
    );
    browser.emit('view', { noticeId: 'a' });
    await flush();
    expect(browser.fetched.map((f) => f.url)).toEqual(['/console/rows/a?tlp=RED&unread=1']);
    expect(browser.count.textContent).toBe('Affichage de 2 avis sur 3.');
  });

  test('a view the filters leave out (204) is not shown and leaves the count as it was', async () => {
    const browser = fakeBrowser([], () => ({ status: 204, type: '', body: '' }), '?tlp=RED');
    browser.emit('view', { noticeId: 'a' });
    await flush();
    expect(browser.inserted).toEqual([]);
    expect(browser.count.textContent).toBe('Showing 1 of 1 notices.');
  });

  test('a notice already shown, or already being fetched, is not added twice', async () => {
    const browser = fakeBrowser(['old'], () => ({ status: 200, type: 'text/html', body: row('new') }));
    browser.emit('view', { noticeId: 'old' });
    browser.emit('view', { noticeId: 'new' });
    browser.emit('view', { noticeId: 'new' });
    await flush();
    browser.emit('view', { noticeId: 'new' });
    await flush();
    expect(browser.fetched.map((f) => f.url)).toEqual(['/console/rows/new']);
    expect(browser.inserted).toHaveLength(1);
  });

  test('an answer that is not an HTML row (an error, a redirect to sign-in, JSON) inserts nothing', async () => {
    for (const answer of [
      { status: 404, type: 'text/html', body: row('a') },
      { status: 200, type: 'application/json', body: row('a') },
    ]) {
      const browser = fakeBrowser([], () => answer);
      browser.emit('view', { noticeId: 'a' });
      await flush();
      expect(browser.inserted).toEqual([]);
    }
  });

  test('event data that is not a view of a notice is ignored', async () => {
    const browser = fakeBrowser([], () => ({ status: 200, type: 'text/html', body: row('a') }));
    browser.emit('view', { noticeId: 42 });
    browser.emit('view', { noticeId: '' });
    browser.emitRaw('view', 'not json{');
    await flush();
    expect(browser.fetched).toEqual([]);
  });

  test('uses no eval, no innerHTML, no inline handler, no timer strings', () => {
    expect(CONSOLE_JS).not.toMatch(/\beval\b|new Function|innerHTML|outerHTML|document\.write|setTimeout\(\s*['"`]|\.on[a-z]+\s*=/);
  });
});

describe('the stylesheet', () => {
  test('lays out with logical properties only, so right-to-left pages mirror', () => {
    expect(CONSOLE_CSS).not.toMatch(
      /(?:margin|padding|border)-(?:left|right)\b|\b(?:left|right)\s*:|text-align:\s*(?:left|right)|float:\s*(?:left|right)/,
    );
    expect(CONSOLE_CSS).toContain('margin-inline');
    expect(CONSOLE_CSS).toContain('inset-inline-start');
  });

  test('styles the control-character markers visibly and keeps focus outlines', () => {
    expect(CONSOLE_CSS).toMatch(/\.ctl \{[^}]*background-color: #[0-9a-f]{6};[^}]*border: 1px solid/);
    expect(CONSOLE_CSS).toMatch(/:focus-visible \{ outline: 3px solid/);
    // The one outline removed is main's, focused only as the skip link's target.
    expect(CONSOLE_CSS.match(/outline: none/g)).toEqual(['outline: none']);
    expect(CONSOLE_CSS).toContain('main:focus { outline: none; }');
  });

  test('prints the TLP marking fixed at the top and bottom of every page', () => {
    const print = CONSOLE_CSS.slice(CONSOLE_CSS.indexOf('@media print'));
    expect(print).toMatch(/\.print-marking \{ position: fixed;/);
    expect(print).toContain('.print-marking-top { inset-block-start: 0; }');
    expect(print).toContain('.print-marking-bottom { inset-block-end: 0; }');
    expect(print).toContain('print-color-adjust: exact');
  });
});
