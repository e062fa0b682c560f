/** Requests to widen in the console over HTTP, over a fake bus: who gets which form, what reaches routing, how its refusals are shown. */
import { generate } from 'otplib';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { signNotice } from '../../libs/client/index.js';
import type { NodeView } from '../../libs/node/index.js';
import { dateFromTimestamp, timestampFromDate, v1 } from '../../libs/proto/index.js';
import type { NodeBus } from '../../services/node/node-bus.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { AGENCY, appWithoutBus, type AppFixture } from './node-app-fixture.js';
import { fakeWidenRouting, widenRecord } from './widen-routing-fixture.js';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** A notice the agency received from pt-police, the smuggler's identity and the precise location withheld. */
const RECEIVED = id(1);
/** A notice received, then widened: its newer view is the supplementary one. */
const WIDENED = id(2);
/** A notice the agency published through this node, and one it did not. */
const PUBLISHED = id(3);
const PUBLISHED_ELSEWHERE = id(4);
const TO_US = id(11);
const TO_US_NOT_HERE = id(12);
const OURS = id(13);
const OURS_REFUSED = id(14);
const TO_US_DECIDED = id(15);
const RELEASE_OF_WIDENED = id(16);
const PASSWORD = 'an officer password';

const record = (overrides: Partial<v1.WidenRecord.$Properties>): v1.WidenRecord => widenRecord(AGENCY, PUBLISHED, TO_US, overrides);

/** What routing was asked, and what it answers: the list, or a refusal of one op with a code. */
const routing = fakeWidenRouting(AGENCY, record);

/** The bus: receipts taken, and routing's widen ops. */
const bus = {
  receipt: async () => {},
  ...routing.ops,
} as unknown as NodeBus;

const view = (seq: number, noticeId: string, extra: Record<string, unknown> = {}): NodeView => ({
  deliverySeq: seq,
  noticeId,
  receivedAt: `2026-12-01T10:00:0${seq}.000Z`,
  signedView: '',
  view: {
    core: { noticeId, issuingAgency: 'pt-police', caseRef: 'PT-9', tlp: 'AMBER', type: 'ALERT' },
    signerKid: 'kid-1',
    elements: [],
    withheld: [
      { path: 'persons/p1/identity', category: 'smuggler.identity', count: 3 },
      { path: 'locations/l1', category: 'location.precise', count: 1 },
    ],
    grantedCategories: ['core', 'person.profile'],
    ...extra,
  },
});

let fixture: AppFixture;
let base = '';
let kept: Uint8Array;
let officer = { cookie: '', csrf: '' };
let supervisor = { cookie: '', csrf: '' };
let admin = { cookie: '', csrf: '' };

async function post(path: string, fields: Record<string, string | string[]>, as?: { cookie: string }): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(as ? { cookie: as.cookie } : {}) },
    body: body.toString(),
  });
}

async function page(path: string, as: { cookie: string }): Promise<{ status: number; text: string }> {
  const answer = await fetch(`${base}${path}`, { headers: { cookie: as.cookie } });
  return { status: answer.status, text: (await answer.text()).replace(/\s+/g, ' ') };
}

async function signIn(name: string, role: 'officer' | 'supervisor' | 'admin'): Promise<{ cookie: string; csrf: string }> {
  const added = await fixture.deps.officers.add(name, role);
  await fixture.deps.officers.setPassword(name, PASSWORD);
  const secret = added.totpUri ? (new URL(added.totpUri).searchParams.get('secret') ?? '') : '';
  const answer = await post('/sign-in', { name, password: PASSWORD, ...(secret ? { totp: await generate({ secret }) } : {}) });
  expect(answer.status).toBe(303);
  const cookie = (answer.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const password = await (await fetch(`${base}/password`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(password)?.[1] ?? '' };
}

/** The request id the notice page's ask form carries. */
const formRequestId = (text: string): string => /name="requestId" value="([^"]+)"/.exec(text)?.[1] ?? '';

beforeAll(async () => {
  fixture = await appWithoutBus({ bus });
  const views = fixture.deps.views;
  views.save(view(1, RECEIVED));
  views.save(view(2, WIDENED));
  const release = v1.Release.encode({
    requestId: RELEASE_OF_WIDENED,
    noticeId: WIDENED,
    recipient: AGENCY,
    categories: ['smuggler.identity'],
  });
  views.save(
    view(3, WIDENED, {
      withheld: [{ path: 'locations/l1', category: 'location.precise', count: 1 }],
      grantedCategories: ['core', 'person.profile', 'smuggler.identity'],
      supplement: { requestId: RELEASE_OF_WIDENED, release: Buffer.from(release.finish()).toString('base64'), releaseJws: 'a..b' },
    }),
  );
  kept = await signNotice(sampleNotice(AGENCY, { noticeId: PUBLISHED }), fixture.deps.signingKey);
  fixture.deps.submissions.record(
    { noticeId: PUBLISHED, bodyDigest: 'd', submittedBy: 'officer:sara.lopes', submittedAt: '2026-12-01T08:00:00.000Z' },
    kept,
  );
  fixture.deps.submissions.decide(PUBLISHED, { status: 'accepted' }, new Date('2026-12-01T08:00:01.000Z'));
  base = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
  officer = await signIn('ines.costa', 'officer');
  supervisor = await signIn('sara.lopes', 'supervisor');
  admin = await signIn('ana.admin', 'admin');
});

afterAll(async () => {
  await fixture.close();
});

beforeEach(() => {
  routing.records = [
    record({}),
    record({ requestId: TO_US_NOT_HERE, noticeId: PUBLISHED_ELSEWHERE, requester: 'mt-afm' }),
    record({ requestId: OURS, noticeId: RECEIVED, requester: AGENCY, issuer: 'pt-police', categories: ['location.precise'] }),
    record({
      requestId: OURS_REFUSED,
      noticeId: RECEIVED,
      requester: AGENCY,
      issuer: 'pt-police',
      status: v1.WidenStatus.REFUSED,
      refusal: 'Not while the operation runs.',
      decidedAt: timestampFromDate(new Date('2026-12-03T10:00:00Z')),
    }),
    record({ requestId: TO_US_DECIDED, status: v1.WidenStatus.RELEASED, decidedAt: timestampFromDate(new Date('2026-12-03T11:00:00Z')) }),
  ];
  routing.asked = [];
  routing.released = [];
  routing.refused = [];
  routing.refusals = {};
});

describe("asking the issuer for more, on a notice's page", () => {
  test("an officer gets the form with the withheld categories, and the agency's requests about the notice with the issuer's refusal", async () => {
    const { status, text } = await page(`/notices/${RECEIVED}`, officer);
    expect(status).toBe(200);
    expect(text).toContain(`<form method="post" action="/notices/${RECEIVED}/widen"`);
    expect(text).toContain('value="smuggler.identity"');
    expect(text).toContain('value="location.precise"');
    expect(formRequestId(text)).toMatch(/^[0-9a-f-]{36}$/);
    expect(text).toContain(`data-request-id="${OURS}"`);
    expect(text).toContain('In the issuer’s words: <bdi>Not while the operation runs.</bdi>');
    expect(text).not.toContain(`data-request-id="${TO_US}"`);
  });

  test('the form reaches the bus as sent, line breaks as LF, and the page comes back saying so', async () => {
    const requestId = formRequestId((await page(`/notices/${RECEIVED}`, officer)).text);
    const answer = await post(
      `/notices/${RECEIVED}/widen`,
      { _csrf: officer.csrf, requestId, categories: ['smuggler.identity', 'location.precise'], reason: 'Same skipper.\r\nSame boat.' },
      officer,
    );
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`/notices/${RECEIVED}?done=asked`);
    expect(routing.asked).toEqual([
      { requestId, noticeId: RECEIVED, categories: ['smuggler.identity', 'location.precise'], reason: 'Same skipper.\nSame boat.' },
    ]);
    const back = await page(answer.headers.get('location') ?? '', officer);
    expect(back.text).toContain('role="status">Your request went to the issuer.');
  });

  test('a form without the session’s CSRF token asks nothing (403)', async () => {
    const answer = await post(`/notices/${RECEIVED}/widen`, { categories: 'smuggler.identity', reason: 'Why' }, officer);
    expect(answer.status).toBe(403);
    expect(routing.asked).toEqual([]);
  });

  test('a form with no category is shown again with the problem (400), as typed, and the bus is not asked', async () => {
    const answer = await post(`/notices/${RECEIVED}/widen`, { _csrf: officer.csrf, requestId: OURS, reason: 'Kept as typed.' }, officer);
    expect(answer.status).toBe(400);
    const text = await answer.text();
    expect(text).toContain('role="alert">Choose at least one category to ask for.');
    expect(text).toContain('Kept as typed.</textarea');
    expect(formRequestId(text)).toBe(OURS);
    expect(routing.asked).toEqual([]);
  });

  test('a category the view did not withhold is refused before the bus is asked (400)', async () => {
    const fields = { _csrf: officer.csrf, categories: ['financial'], reason: 'Why' };
    expect((await post(`/notices/${RECEIVED}/widen`, fields, officer)).status).toBe(400);
    expect(routing.asked).toEqual([]);
  });

  test("routing's refusal is shown in its words (400); the bus away is 503, the form keeping its request id", async () => {
    const fields = { _csrf: officer.csrf, requestId: OURS, categories: 'smuggler.identity', reason: 'Why' };
    routing.refusals.request = 'E_WIDEN_INVALID';
    const refused = await post(`/notices/${RECEIVED}/widen`, fields, officer);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('The bus refused it: <bdi>routing says E_WIDEN_INVALID</bdi>');
    routing.refusals.request = 'E_UNAVAILABLE';
    const away = await post(`/notices/${RECEIVED}/widen`, fields, officer);
    expect(away.status).toBe(503);
    const text = await away.text();
    expect(text).toContain('The node cannot reach the bus just now.');
    expect(formRequestId(text)).toBe(OURS);
  });

  test('a request id taken by another request gives the form a new one (409)', async () => {
    routing.refusals.request = 'E_CONFLICT';
    const answer = await post(
      `/notices/${RECEIVED}/widen`,
      { _csrf: officer.csrf, requestId: OURS, categories: 'smuggler.identity', reason: 'Why' },
      officer,
    );
    expect(answer.status).toBe(409);
    const text = await answer.text();
    expect(text).toContain('This form was sent before with other content');
    expect(formRequestId(text)).not.toBe(OURS);
  });

  test('a notice the node does not hold is 404, and nothing is asked', async () => {
    const answer = await post(`/notices/${id(99)}/widen`, { _csrf: officer.csrf, categories: 'smuggler.identity', reason: 'Why' }, officer);
    expect(answer.status).toBe(404);
    expect(routing.asked).toEqual([]);
  });

  test('an admin may not ask (403)', async () => {
    const answer = await post(`/notices/${RECEIVED}/widen`, { _csrf: admin.csrf, categories: 'smuggler.identity', reason: 'Why' }, admin);
    expect(answer.status).toBe(403);
    expect(routing.asked).toEqual([]);
  });
});

describe('a supplementary view', () => {
  test('its page says who released it on which request, with the categories, and offers only what is still withheld', async () => {
    const { status, text } = await page(`/notices/${WIDENED}`, officer);
    expect(status).toBe(200);
    expect(text).toContain(`Released by <bdi>pt-police</bdi> on request <code><bdi>${RELEASE_OF_WIDENED}</bdi></code>`);
    expect(text).toContain('This view adds what the issuer released to your agency: <span class="category">Smuggler identity');
    expect(text).toContain('value="location.precise"');
    expect(text).not.toContain('value="smuggler.identity"');
  });
});

describe('the Requests page', () => {
  test('an officer sees both lists, read-only', async () => {
    const { status, text } = await page('/requests', officer);
    expect(status).toBe(200);
    for (const requestId of [TO_US, TO_US_NOT_HERE, OURS, OURS_REFUSED, TO_US_DECIDED])
      expect(text).toContain(`data-request-id="${requestId}"`);
    expect(text).toContain(`<a href="/notices/${RECEIVED}">`);
    expect(text).not.toContain(`href="/sent/${PUBLISHED}"`);
    expect(text).not.toContain('/release"');
    expect(text).not.toContain('/refuse"');
    expect(text).toContain('Supervisors decide the requests addressed to your agency.');
  });

  test('a supervisor may release a pending request of a notice this node published, refuse any pending one, decide none decided', async () => {
    const { text } = await page('/requests', supervisor);
    expect(text).toContain(`action="/requests/${TO_US}/release"`);
    expect(text).toContain(`action="/requests/${TO_US}/refuse"`);
    expect(text).not.toContain(`action="/requests/${TO_US_NOT_HERE}/release"`);
    expect(text).toContain(`action="/requests/${TO_US_NOT_HERE}/refuse"`);
    expect(text).toContain(`This node did not publish notice <bdi>${PUBLISHED_ELSEWHERE}</bdi>`);
    expect(text).not.toContain(`action="/requests/${TO_US_DECIDED}/`);
    expect(text).toContain(`<a href="/sent/${PUBLISHED}">`);
  });

  test('an admin may not open it (403)', async () => {
    expect((await page('/requests', admin)).status).toBe(403);
  });

  test('the bus away is 503, said in place of the lists', async () => {
    routing.refusals.list = 'E_UNAVAILABLE';
    const { status, text } = await page('/requests', officer);
    expect(status).toBe(503);
    expect(text).toContain('The requests to widen could not be read from the bus just now.');
  });
});

describe('deciding a request addressed to the agency', () => {
  test("a supervisor's release is signed for the days chosen, with the notice as the node kept it, and the page says so", async () => {
    const before = Date.now();
    const answer = await post(`/requests/${TO_US}/release`, { _csrf: supervisor.csrf, expiresInDays: '3' }, supervisor);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/requests?done=released');
    const [submission] = routing.released;
    expect(Buffer.from(submission?.signedNotice ?? []).equals(Buffer.from(kept))).toBe(true);
    const release = v1.Release.decode(submission?.release ?? new Uint8Array());
    expect(release).toMatchObject({
      requestId: TO_US,
      noticeId: PUBLISHED,
      recipient: 'pt-police',
      categories: ['smuggler.identity', 'financial'],
    });
    const lasts = dateFromTimestamp(release.expiresAt).getTime() - before;
    expect(lasts).toBeGreaterThanOrEqual(3 * 86_400_000 - 1000);
    expect(lasts).toBeLessThan(3 * 86_400_000 + 60_000);
    expect((await page('/requests?done=released', supervisor)).text).toContain('role="status">Released: the requester receives');
  });

  test('a request of a notice this node did not publish cannot be released here (404), and nothing is sent', async () => {
    const answer = await post(`/requests/${TO_US_NOT_HERE}/release`, { _csrf: supervisor.csrf, expiresInDays: '7' }, supervisor);
    expect(answer.status).toBe(404);
    expect((await answer.text()).replace(/\s+/g, ' ')).toContain(`This node did not publish notice <bdi>${PUBLISHED_ELSEWHERE}</bdi>`);
    expect(routing.released).toEqual([]);
  });

  test('one decided already is 409; the agency’s own, addressed to another issuer, 403; an unknown one 404', async () => {
    for (const [requestId, status, words] of [
      [TO_US_DECIDED, 409, 'This request was released or refused already.'],
      [OURS, 403, 'only the notice’s issuer may decide it'],
      [id(98), 404, 'This request is not among your agency’s.'],
    ] as const) {
      const answer = await post(`/requests/${requestId}/release`, { _csrf: supervisor.csrf, expiresInDays: '7' }, supervisor);
      expect(answer.status, requestId).toBe(status);
      expect(await answer.text(), requestId).toContain(words);
    }
    expect(routing.released).toEqual([]);
  });

  test('days outside 1 to 30 are refused (400) before anything is signed', async () => {
    for (const days of ['0', '31', 'x']) {
      const answer = await post(`/requests/${TO_US}/release`, { _csrf: supervisor.csrf, expiresInDays: days }, supervisor);
      expect(answer.status, days).toBe(400);
      expect(await answer.text(), days).toContain('A release lasts 1 to 30 days.');
    }
    expect(routing.released).toEqual([]);
  });

  test("routing's refusal of a release is shown in its words (400)", async () => {
    routing.refusals.release = 'E_RELEASE_FORBIDDEN';
    const answer = await post(`/requests/${TO_US}/release`, { _csrf: supervisor.csrf, expiresInDays: '7' }, supervisor);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('The bus refused it: <bdi>routing says E_RELEASE_FORBIDDEN</bdi>');
  });

  test('a refusal reaches the bus with its reason, line breaks as LF, and the page says so', async () => {
    const answer = await post(`/requests/${TO_US}/refuse`, { _csrf: supervisor.csrf, reason: 'Not now.\r\nAsk in May.' }, supervisor);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/requests?done=refused');
    expect(routing.refused).toEqual([{ requestId: TO_US, refusal: 'Not now.\nAsk in May.' }]);
    expect((await page('/requests?done=refused', supervisor)).text).toContain('role="status">Refused: the requester is told');
  });

  test("routing's refusals of a refusal: decided already is 409, the bus away 503", async () => {
    for (const [code, status, words] of [
      ['E_CONFLICT', 409, 'This request was released or refused already.'],
      ['E_UNAVAILABLE', 503, 'The node cannot reach the bus just now.'],
    ] as const) {
      routing.refusals.refuse = code;
      const answer = await post(`/requests/${TO_US}/refuse`, { _csrf: supervisor.csrf }, supervisor);
      expect(answer.status, code).toBe(status);
      expect(await answer.text(), code).toContain(words);
    }
  });

  test('an officer may neither release nor refuse (403), and nothing reaches the bus', async () => {
    expect((await post(`/requests/${TO_US}/release`, { _csrf: officer.csrf, expiresInDays: '7' }, officer)).status).toBe(403);
    expect((await post(`/requests/${TO_US}/refuse`, { _csrf: officer.csrf }, officer)).status).toBe(403);
    expect(routing.released).toEqual([]);
    expect(routing.refused).toEqual([]);
  });

  test('without the session’s CSRF token, no decision (403)', async () => {
    expect((await post(`/requests/${TO_US}/release`, { expiresInDays: '7' }, supervisor)).status).toBe(403);
    expect((await post(`/requests/${TO_US}/refuse`, { _csrf: 'not-the-token' }, supervisor)).status).toBe(403);
    expect(routing.released).toEqual([]);
    expect(routing.refused).toEqual([]);
  });
});
