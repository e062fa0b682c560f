/**
 * Hostile text for a notice's free-text fields, each with the sign by which a test notices
 * it firing. The control page (control-page.test.ts) shows every payload that can fire
 * doing so in a page without protection, through the same harness, so a console test that
 * sees none of these signs has looked where they would have shown.
 */
import type { BrowserContext } from 'playwright-core';
import { visit, type WatchedPage } from './browser.js';

/** Resolves nowhere: the harness aborts every request to it before it leaves the browser. */
export const BEACON_ORIGIN = 'http://beacon.invalid';

export type Sign =
  /** An alert, confirm or prompt opened with this message. */
  | { kind: 'dialog'; message: string }
  /** A request to this URL (origin and path) was attempted. */
  | { kind: 'request'; url: string }
  /** These control characters reached the page's rendered text as they are, unmarked. */
  | { kind: 'raw-text'; chars: readonly string[] };

export interface HostilePayload {
  name: string;
  text: string;
  noticedBy: Sign;
  /** It fires only when a link or button is clicked (the tests click every one). */
  needsClick: boolean;
  /** Whether it fires when written raw into a page with no protection at all. */
  firesInControl: boolean;
  /** What it tries, or why it cannot fire in the control. */
  why: string;
}

const beacon = (path: string): string => `${BEACON_ORIGIN}${path}`;
const payload = (name: string, text: string, noticedBy: Sign, why: string, more: Partial<HostilePayload> = {}): HostilePayload => ({
  name,
  text,
  noticedBy,
  why,
  needsClick: false,
  firesInControl: true,
  ...more,
});
const dialog = (message: string): Sign => ({ kind: 'dialog', message });
const request = (path: string): Sign => ({ kind: 'request', url: beacon(path) });
const rawText = (...chars: string[]): Sign => ({ kind: 'raw-text', chars });

export const HOSTILE_PAYLOADS: readonly HostilePayload[] = [
  payload('script-element', '<script>alert(1)</script>', dialog('1'), 'an inline script'),
  payload('img-onerror', '<img src=x onerror=alert(2)>', dialog('2'), 'an event handler attribute, fired by a broken image'),
  payload('svg-onload', '<svg onload=alert(3)>', dialog('3'), 'an event handler on an SVG element'),
  payload('svg-script', '<svg><script>alert(4)</script></svg>', dialog('4'), 'a script inside SVG, parsed as foreign content'),
  payload('javascript-link', '<a href="javascript:alert(5)">click</a>', dialog('5'), 'a javascript: URL, run when the link is clicked', {
    needsClick: true,
  }),
  payload('iframe-srcdoc', '<iframe srcdoc="<script>alert(6)</script>">', dialog('6'), 'a script in a frame made from an attribute'),
  payload('img-beacon', `<img src="${beacon('/leak')}">`, request('/leak'), 'an image that tells another server the page was read'),
  payload('stylesheet-beacon', `<link rel=stylesheet href=${beacon('/css')}>`, request('/css'), 'a foreign stylesheet'),
  payload(
    'style-beacon',
    `<style>body{background:url(${beacon('/bg')})}</style>`,
    request('/bg'),
    'a style element with a foreign background',
  ),
  payload('form-action', `<form action=${beacon('/form')}><button>go</button></form>`, request('/form'), 'a form posting elsewhere', {
    needsClick: true,
  }),
  payload(
    'meta-refresh',
    `<meta http-equiv=refresh content="0;url=${beacon('/refresh')}">`,
    request('/refresh'),
    'a refresh that takes the reader elsewhere',
  ),
  payload('object-data', `<object data=${beacon('/object')}></object>`, request('/object'), 'an embedded object loaded from elsewhere'),
  payload('details-ontoggle', '<details open ontoggle=alert(7)>', dialog('7'), 'an event handler fired with no interaction'),
  payload('attribute-breakout', '"><script>alert(8)</script>', dialog('8'), 'closes a quoted attribute, then a script'),
  payload(
    'context-breakout',
    "'--></style></script><script>alert(9)</script>",
    dialog('9'),
    'closes a comment, a style and a script, then a script',
  ),
  payload(
    'template-injection',
    "{{constructor.constructor('alert(10)')()}}",
    dialog('10'),
    'runs only where a client-side template engine (Angular, Vue) evaluates text: the control has none, and neither has the console',
    { firesInControl: false },
  ),
  payload(
    'bidi-override',
    'Call +33 6 \u202E12 34 56 78\u202C today',
    rawText('\u202E', '\u202C'),
    'a right-to-left override shows the number reversed',
  ),
  payload(
    'bidi-isolates',
    'Account \u2066FR76 3000 6000 0112 3456 7890 189\u2069 checked',
    rawText('\u2066', '\u2069'),
    'isolates that reorder what surrounds them',
  ),
  payload('zero-width-joiner', 'Moh\u200Dammed', rawText('\u200D'), 'an invisible character that makes two names look alike'),
  payload(
    'osc52-clipboard',
    'ok\u001b]52;c;YWNjb3JkIHNheXMgaGk=\u0007',
    rawText('\u001b', '\u0007'),
    'writes the clipboard of a terminal it is pasted into',
  ),
  payload('ansi-escape', '\u001b[2J\u001b[31mall clear\u001b[0m', rawText('\u001b'), 'clears and colours a terminal it is pasted into'),
];

/**
 * Each payload on a page of its own (`urlOf(index)`, its index in `payloads`), looked at
 * as `visit` does, a few pages at a time; in the order of `payloads`.
 */
export async function visitEach(
  context: BrowserContext,
  payloads: readonly HostilePayload[],
  urlOf: (index: number) => string,
  options: { allowedOrigins: readonly string[]; parallel?: number },
): Promise<{ payload: HostilePayload; watched: WatchedPage }[]> {
  const visited: { payload: HostilePayload; watched: WatchedPage }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < payloads.length; index = next++) {
      const payload = payloads[index] as HostilePayload;
      visited[index] = { payload, watched: await visit(context, urlOf(index), options) };
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 4 }, worker));
  return visited;
}

export interface FiredPayload {
  payload: HostilePayload;
  evidence: string;
}

/** The payloads (of `payloads`) whose sign the page shows: a dialog, a request, or raw control characters in its text. */
export async function payloadsFiredIn(
  watched: WatchedPage,
  payloads: readonly HostilePayload[] = HOSTILE_PAYLOADS,
): Promise<FiredPayload[]> {
  const needsText = payloads.some((p) => p.noticedBy.kind === 'raw-text');
  const text = needsText ? await renderedText(watched) : '';
  const fired: FiredPayload[] = [];
  for (const p of payloads) {
    const evidence = evidenceOf(watched, p.noticedBy, text);
    if (evidence !== undefined) fired.push({ payload: p, evidence });
  }
  return fired;
}

/** The sign of a dialog or a request, read from the record alone (undefined: not seen). */
export function recordedSign(watched: WatchedPage, sign: Sign): string | undefined {
  return evidenceOf(watched, sign, '');
}

function evidenceOf(watched: WatchedPage, sign: Sign, text: string): string | undefined {
  switch (sign.kind) {
    case 'dialog': {
      const seen = watched.dialogs.find((d) => d.message === sign.message);
      return seen && `${seen.type} ${JSON.stringify(seen.message)}`;
    }
    case 'request': {
      const wanted = new URL(sign.url);
      const seen = watched.requests.find((r) => {
        const url = new URL(r.url);
        return url.hostname === wanted.hostname && url.pathname === wanted.pathname;
      });
      return seen && `${seen.type} ${seen.method} ${seen.url}`;
    }
    case 'raw-text': {
      const present = sign.chars.filter((c) => text.includes(c));
      return present.length > 0 ? `${present.map(codePoint).join(', ')} in the page's text` : undefined;
    }
  }
}

/** `U+202E`: how the console shows a control character instead of obeying it. */
export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What a person sees: the body's innerText (hidden elements left out). */
export async function renderedText(watched: WatchedPage): Promise<string> {
  return watched.page.evaluate(
    () => (globalThis as unknown as { document: { body: { innerText: string } | null } }).document.body?.innerText ?? '',
  );
}
