/** Requests to widen through the node's API, over a fake bus: what reaches routing, and how its refusals come back. */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { signNotice } from '../../libs/client/index.js';
import { dateFromTimestamp, timestampFromDate, v1 } from '../../libs/proto/index.js';
import type { NodeBus } from '../../services/node/node-bus.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { AGENCY, appWithoutBus, type AppFixture } from './node-app-fixture.js';
import { fakeWidenRouting, widenRecord } from './widen-routing-fixture.js';

const PUBLISHED = '5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11';
const NOT_PUBLISHED_HERE = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const TO_US = '0b6e2f4a-3c1d-4e5f-8a9b-7c6d5e4f3a2b';
const ABOUT_ANOTHER = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const OURS = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a';
const DECIDED = '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b';

const record = (overrides: Partial<v1.WidenRecord.$Properties>): v1.WidenRecord => widenRecord(AGENCY, PUBLISHED, TO_US, overrides);

/** What routing was asked, and what it answers: the list, or a refusal of one op with a code. */
const routing = fakeWidenRouting(AGENCY, record);

const widenBus: Partial<NodeBus> = routing.ops;

/** The bus with only routing's widen ops behind it. */
const bus = new Proxy(widenBus as NodeBus, {
  get(target, property) {
    if (property in target) return target[property as keyof NodeBus];
    throw new Error(`a widen route reached the bus for ${String(property)}`);
  },
});

let fixture: AppFixture;
let reader = '';
let publisher = '';
let kept: Uint8Array;

beforeAll(async () => {
  fixture = await appWithoutBus({ bus });
  reader = fixture.deps.tokens.create('wall-screen', ['read']).token;
  publisher = fixture.deps.tokens.create('case-system', ['publish']).token;
  kept = await signNotice(sampleNotice(AGENCY, { noticeId: PUBLISHED }), fixture.deps.signingKey);
  fixture.deps.submissions.record(
    { noticeId: PUBLISHED, bodyDigest: 'd', submittedBy: 'token:case-system', submittedAt: new Date().toISOString() },
    kept,
  );
  fixture.deps.submissions.decide(PUBLISHED, { status: 'accepted' }, new Date());
});

afterAll(async () => {
  await fixture.close();
});

beforeEach(() => {
  routing.records = [
    record({}),
    record({ requestId: ABOUT_ANOTHER, noticeId: NOT_PUBLISHED_HERE }),
    record({ requestId: OURS, requester: AGENCY, issuer: 'pt-police' }),
    record({ requestId: DECIDED, status: v1.WidenStatus.REFUSED, decidedAt: timestampFromDate(new Date('2026-12-03T09:30:00Z')) }),
  ];
  routing.asked = [];
  routing.released = [];
  routing.refused = [];
  routing.refusals = {};
});

function call(method: 'GET' | 'POST', url: string, token: string, body?: unknown) {
  return fixture.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

describe('GET /api/v1/widen', () => {
  test("lists routing's answer, statuses by name, to a read token", async () => {
    const answer = await call('GET', '/api/v1/widen', reader);
    expect(answer.statusCode).toBe(200);
    const { requests } = answer.json<{ requests: Record<string, unknown>[] }>();
    expect(requests.map((r) => r.requestId)).toEqual([TO_US, ABOUT_ANOTHER, OURS, DECIDED]);
    expect(requests[0]).toMatchObject({ noticeId: PUBLISHED, requester: 'pt-police', issuer: AGENCY, status: 'PENDING' });
    expect(requests[3]).toMatchObject({ status: 'REFUSED', decidedAt: '2026-12-03T09:30:00Z' });
  });

  test('a token without the read scope is refused 403', async () => {
    expect((await call('GET', '/api/v1/widen', publisher)).statusCode).toBe(403);
  });
});

describe('POST /api/v1/widen', () => {
  const body = { noticeId: PUBLISHED, categories: ['smuggler.identity'], reason: 'Same skipper.' };

  test('asks routing under a fresh request id, 201 with the request', async () => {
    const answer = await call('POST', '/api/v1/widen', publisher, body);
    expect(answer.statusCode).toBe(201);
    const [asked] = routing.asked;
    expect(asked).toMatchObject(body);
    expect(asked?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.json()).toMatchObject({ requestId: asked?.requestId, status: 'PENDING', issuer: 'pt-police' });
  });

  test('a requestId given is the one asked under: asking again is the same request', async () => {
    await call('POST', '/api/v1/widen', publisher, { ...body, requestId: OURS });
    expect(routing.asked[0]?.requestId).toBe(OURS);
  });

  test('core, or a category that is none, is 400 naming the field, and routing is not asked', async () => {
    for (const category of ['core', 'names']) {
      const answer = await call('POST', '/api/v1/widen', publisher, { ...body, categories: [category] });
      expect(answer.statusCode, category).toBe(400);
      expect(answer.json(), category).toMatchObject({ code: 'E_REQUEST_INVALID', field: 'body/categories/0' });
    }
    expect(routing.asked).toEqual([]);
  });

  test('a read token may not ask (publish scope)', async () => {
    expect((await call('POST', '/api/v1/widen', reader, body)).statusCode).toBe(403);
    expect(routing.asked).toEqual([]);
  });

  test("routing's E_WIDEN_INVALID is a 400 problem with its code", async () => {
    routing.refusals.request = 'E_WIDEN_INVALID';
    const answer = await call('POST', '/api/v1/widen', publisher, body);
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json()).toMatchObject({ code: 'E_WIDEN_INVALID', detail: 'routing says E_WIDEN_INVALID' });
  });
});

describe('POST /api/v1/widen/{requestId}/release', () => {
  test("releases exactly the request, signed with the agency's key, with the notice as the node kept it", async () => {
    const before = Date.now();
    const answer = await call('POST', `/api/v1/widen/${TO_US}/release`, publisher, {});
    expect(answer.statusCode).toBe(200);
    const [submission] = routing.released;
    expect(Buffer.from(submission?.signedNotice ?? []).equals(Buffer.from(kept))).toBe(true);
    const release = v1.Release.decode(submission?.release ?? new Uint8Array());
    expect(release).toMatchObject({
      requestId: TO_US,
      noticeId: PUBLISHED,
      recipient: 'pt-police',
      categories: ['smuggler.identity', 'financial'],
    });
    const expires = dateFromTimestamp(release.expiresAt).getTime();
    expect(expires - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(expires - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect(answer.json()).toMatchObject({ requestId: TO_US, status: 'RELEASED', deliverySeq: 41, expiresAt: expect.any(String) });
  });

  test('with no body at all, the release lasts the default 7 days', async () => {
    const answer = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/widen/${TO_US}/release`,
      headers: { authorization: `Bearer ${publisher}` },
    });
    expect(answer.statusCode).toBe(200);
    const release = v1.Release.decode(routing.released[0]?.release ?? new Uint8Array());
    expect(dateFromTimestamp(release.expiresAt).getTime() - Date.now()).toBeGreaterThan(7 * 86_400_000 - 60_000);
  });

  test('expiresInDays sets the expiry; beyond 30 is 400 and nothing is sent', async () => {
    await call('POST', `/api/v1/widen/${TO_US}/release`, publisher, { expiresInDays: 2 });
    const release = v1.Release.decode(routing.released[0]?.release ?? new Uint8Array());
    expect(dateFromTimestamp(release.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(2 * 86_400_000);
    expect(dateFromTimestamp(release.expiresAt).getTime() - Date.now()).toBeGreaterThan(2 * 86_400_000 - 60_000);
    const tooLong = await call('POST', `/api/v1/widen/${TO_US}/release`, publisher, { expiresInDays: 31 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ code: 'E_REQUEST_INVALID', field: 'body/expiresInDays' });
    expect(routing.released).toHaveLength(1);
  });

  test('a notice this node did not publish is 404: it keeps no signed copy of it', async () => {
    const answer = await call('POST', `/api/v1/widen/${ABOUT_ANOTHER}/release`, publisher, {});
    expect(answer.statusCode).toBe(404);
    expect(answer.json<{ detail: string }>().detail).toContain(`keeps no signed copy of notice ${NOT_PUBLISHED_HERE}`);
    expect(routing.released).toEqual([]);
  });

  test("the agency's own request (addressed to another issuer) is 403; one decided already 409; one unknown 404", async () => {
    expect((await call('POST', `/api/v1/widen/${OURS}/release`, publisher, {})).json()).toMatchObject({ status: 403, code: 'E_FORBIDDEN' });
    expect((await call('POST', `/api/v1/widen/${DECIDED}/release`, publisher, {})).json()).toMatchObject({
      status: 409,
      code: 'E_CONFLICT',
    });
    const unknown = '4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c';
    expect((await call('POST', `/api/v1/widen/${unknown}/release`, publisher, {})).json()).toMatchObject({
      status: 404,
      code: 'E_NOT_FOUND',
    });
    expect(routing.released).toEqual([]);
  });

  test("routing's refusals of a release are 400 problems with their codes", async () => {
    for (const code of ['E_RELEASE_SIGNATURE', 'E_RELEASE_EXPIRED', 'E_RELEASE_MISMATCH', 'E_RELEASE_FORBIDDEN'] as const) {
      routing.refusals.release = code;
      const answer = await call('POST', `/api/v1/widen/${TO_US}/release`, publisher, {});
      expect(answer.json(), code).toMatchObject({ status: 400, code });
    }
  });

  test('may be sent with no body: the OpenAPI document says so, and that a request needs one', async () => {
    type Operation = { requestBody?: { required: boolean } };
    const doc = (await fixture.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    expect(doc.paths['/api/v1/widen/{requestId}/release']?.post?.requestBody?.required).toBe(false);
    expect(doc.paths['/api/v1/widen/{requestId}/refuse']?.post?.requestBody?.required).toBe(false);
    expect(doc.paths['/api/v1/widen']?.post?.requestBody?.required).toBe(true);
  });

  test('a request id that is not a UUID is 400 naming it', async () => {
    expect((await call('POST', '/api/v1/widen/n-42/release', publisher, {})).json()).toMatchObject({
      status: 400,
      field: 'params/requestId',
    });
  });
});

describe('POST /api/v1/widen/{requestId}/refuse', () => {
  test('sends the refusal with the reason for the requester; answers the request as refused', async () => {
    const answer = await call('POST', `/api/v1/widen/${TO_US}/refuse`, publisher, { reason: 'Not at this stage.' });
    expect(answer.statusCode).toBe(200);
    expect(routing.refused).toEqual([{ requestId: TO_US, refusal: 'Not at this stage.' }]);
    expect(answer.json()).toMatchObject({ status: 'REFUSED', refusal: 'Not at this stage.' });
  });

  test('without a reason, the refusal says none', async () => {
    await call('POST', `/api/v1/widen/${TO_US}/refuse`, publisher, {});
    expect(routing.refused).toEqual([{ requestId: TO_US, refusal: '' }]);
  });

  test("routing's E_CONFLICT (decided already) is 409, E_NOT_FOUND 404, E_UNAVAILABLE 503", async () => {
    for (const [code, status] of [
      ['E_CONFLICT', 409],
      ['E_NOT_FOUND', 404],
      ['E_UNAVAILABLE', 503],
    ] as const) {
      routing.refusals.refuse = code;
      expect((await call('POST', `/api/v1/widen/${TO_US}/refuse`, publisher, {})).json(), code).toMatchObject({ status, code });
    }
  });

  test('a read token may not refuse', async () => {
    expect((await call('POST', `/api/v1/widen/${TO_US}/refuse`, reader, {})).statusCode).toBe(403);
    expect(routing.refused).toEqual([]);
  });
});
