/**
 * What a console test asserts after showing hostile payloads: nothing ran and nothing left.
 * A blocked attempt (a CSP violation) is not a failure: it is returned, so a test can
 * print it, but the page is inert as long as no payload's sign shows.
 */
import type { CspViolation, WatchedPage } from './browser.js';
import { codePoint, payloadsFiredIn, renderedText, type HostilePayload } from './hostile-corpus.js';

/**
 * Fails, listing each, on any dialog, any request to an origin not allowed, or any of
 * `payloads` whose sign shows (raw control characters in the page's text included). Call
 * it once the page has settled (`watched.settle()`, or after `clickEverything`).
 */
export async function expectInert(watched: WatchedPage, options: { payloads: readonly HostilePayload[] }): Promise<CspViolation[]> {
  const fired = await payloadsFiredIn(watched, options.payloads);
  const problems = [
    ...watched.dialogs.map((d) => `${d.type} dialog opened: ${JSON.stringify(d.message)}`),
    ...watched.foreignRequests.map((r) => `a ${r.type} request to a foreign origin (aborted): ${r.method} ${r.url}`),
    ...fired.map((f) => `${f.payload.name} fired: ${f.evidence}`),
  ];
  failIfAny('the page is not inert', problems);
  return [...watched.cspViolations];
}

/**
 * Fails unless every control character of `payloads` (bidi overrides and isolates,
 * zero-width characters, terminal escapes) is shown as a visible marker naming it
 * (`U+202E`), and none is left in the page's text to act.
 */
export async function expectControlsShown(watched: WatchedPage, options: { payloads: readonly HostilePayload[] }): Promise<void> {
  const text = await renderedText(watched);
  const chars = new Set(options.payloads.flatMap((p) => (p.noticedBy.kind === 'raw-text' ? p.noticedBy.chars : [])));
  const problems: string[] = [];
  for (const char of chars) {
    if (text.includes(char)) problems.push(`${codePoint(char)} is in the page's text as it is`);
    if (!text.includes(codePoint(char))) problems.push(`no visible ${codePoint(char)} marker`);
  }
  failIfAny('control characters are obeyed, not shown', problems);
}

/** Every problem on a line of its own: a failing console test says all that went wrong. */
function failIfAny(what: string, problems: readonly string[]): void {
  if (problems.length > 0) throw new Error(`${what}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
