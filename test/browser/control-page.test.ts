/**
 * The control: every hostile payload, written raw into a page with no CSP and no
 * escaping, fires there, and the harness sees it with the same look a console test takes
 * (load, settle, click every link and button, settle). So when a console page shows the
 * same payloads and the harness sees nothing, nothing happened.
 *
 * Each payload has a control page of its own: a refresh or a form replaces the document
 * it is in, and a page of its own says which payload fired.
 */
import { type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, launchBrowser, type TestBrowser, type WatchedPage } from './browser.js';
import { HOSTILE_PAYLOADS, payloadsFiredIn, recordedSign, visitEach, type HostilePayload } from './hostile-corpus.js';
import { expectControlsShown, expectInert } from './inert-check.js';
import { htmlDocument, serveLocal, type LocalServer } from './local-server.js';

/** How long a payload not seen by the settled look is given to show late: a diagnosis, not a pass. */
const LATE_MS = 5000;

interface Outcome {
  payload: HostilePayload;
  watched: WatchedPage;
  seen: 'fired' | 'fired late' | 'did not fire';
  evidence: string;
}

let browser: TestBrowser;
let context: BrowserContext;
let server: LocalServer;
let outcomes: Outcome[] = [];

async function outcomeOf(payload: HostilePayload, watched: WatchedPage): Promise<Outcome> {
  const [fired] = await payloadsFiredIn(watched, [payload]);
  if (fired) return { payload, watched, seen: 'fired', evidence: fired.evidence };
  const late = payload.firesInControl && (await watched.waitFor(() => recordedSign(watched, payload.noticedBy) !== undefined, LATE_MS));
  return { payload, watched, seen: late ? 'fired late' : 'did not fire', evidence: recordedSign(watched, payload.noticedBy) ?? '' };
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext();
  server = await serveLocal((path) => {
    const index = /^\/control\/(\d+)$/.exec(path)?.[1];
    const payload = index === undefined ? undefined : HOSTILE_PAYLOADS[Number(index)];
    // No CSP, no escaping: the payload as it is.
    return payload && { body: htmlDocument(`Control: ${payload.name}`, `<main><h1>${payload.name}</h1>${payload.text}</main>`) };
  });
  const visited = await visitEach(context, HOSTILE_PAYLOADS, (index) => `${server.origin}/control/${index}`, {
    allowedOrigins: [server.origin],
  });
  outcomes = await Promise.all(visited.map(({ payload, watched }) => outcomeOf(payload, watched)));
  console.log(
    [
      'payload              fires in control  seen in control   evidence',
      ...outcomes.map(
        (o) => `${o.payload.name.padEnd(20)} ${String(o.payload.firesInControl).padEnd(17)} ${o.seen.padEnd(17)} ${o.evidence}`,
      ),
    ].join('\n'),
  );
}, BROWSER_TEST_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the unprotected control page', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  test('every payload that can fire fires there, seen by the settled look', () => {
    const expected = HOSTILE_PAYLOADS.filter((p) => p.firesInControl).map((p) => `${p.name}: fired`);
    expect(outcomes.filter((o) => o.payload.firesInControl).map((o) => `${o.payload.name}: ${o.seen}`)).toEqual(expected);
  });

  test('a payload that cannot fire in Chromium is marked so, and does not fire', () => {
    const cannot = outcomes.filter((o) => !o.payload.firesInControl);
    expect(cannot.map((o) => o.payload.name)).toEqual(['template-injection']);
    expect(cannot.map((o) => `${o.payload.name}: ${o.seen}`)).toEqual(['template-injection: did not fire']);
  });

  test('control characters reach its text as they are', async () => {
    const controls = outcomes.filter((o) => o.payload.noticedBy.kind === 'raw-text');
    expect(controls.map((o) => o.payload.name)).toEqual([
      'bidi-override',
      'bidi-isolates',
      'zero-width-joiner',
      'osc52-clipboard',
      'ansi-escape',
    ]);
    for (const { payload, watched } of controls) {
      await expect(expectControlsShown(watched, { payloads: [payload] }), payload.name).rejects.toThrow(/as it is/);
    }
  });

  test('expectInert refuses each control page where a payload fired', async () => {
    for (const { payload, watched, seen } of outcomes) {
      if (seen === 'did not fire') await expectInert(watched, { payloads: [payload] });
      else await expect(expectInert(watched, { payloads: [payload] }), payload.name).rejects.toThrow(`${payload.name} fired`);
    }
  });

  test('a request to the beacon never left: each was aborted and recorded as foreign', () => {
    const beaconRequests = outcomes.filter((o) => o.payload.noticedBy.kind === 'request');
    for (const { payload, watched } of beaconRequests) {
      expect(
        watched.foreignRequests.map((r) => new URL(r.url).hostname),
        payload.name,
      ).toContain('beacon.invalid');
    }
    expect(beaconRequests).toHaveLength(6);
  });
});
