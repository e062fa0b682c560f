/**
 * What an attacker, or a broken client, sends the node's API: each refused with a 4xx
 * RFC 9457 problem naming the offending part, and the database exactly as it was.
 */
import { connect } from 'node:net';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messageToJson } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { AGENCY, appWithoutBus, dumpDatabase, type AppFixture } from './node-app-fixture.js';

let fixture: AppFixture;
let base = '';
let token = '';
let admin = { cookie: '', csrf: '' };
let before = '';

const notice = (): Record<string, unknown> => messageToJson('accord.v1.CaseNotice', sampleNotice(AGENCY));

beforeAll(async () => {
  fixture = await appWithoutBus();
  const { deps, app } = fixture;
  token = deps.tokens.create('everything', ['read', 'publish', 'receipt']).token;
  const added = await deps.officers.add('root.admin', 'admin');
  await deps.officers.setPassword('root.admin', 'a long admin password');
  const secret = new URL(added.totpUri ?? '').searchParams.get('secret') ?? '';
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'root.admin', password: 'a long admin password', totp: await generate({ secret }) }),
  });
  expect(login.status).toBe(200);
  admin = {
    cookie: (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '',
    csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
  };
  before = dumpDatabase(fixture.db);
});

afterAll(async () => {
  await fixture.close();
});

interface Hostile {
  what: string;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  as?: 'token' | 'session' | 'nobody';
  field: string | RegExp;
}

const json = (value: unknown): string => JSON.stringify(value);
const withNotice = (change: (n: Record<string, unknown>) => void): string => {
  const n = notice();
  change(n);
  return json(n);
};
const SQL = ["' OR '1'='1", "'; DROP TABLE views; --", '" OR ""="', '1; DELETE FROM officers', "robert'); DROP TABLE officers;--"];
const TRAVERSALS = ['..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fnode.db', '..%5C..%5Cwindows', '%252e%252e%252f', '....%2F%2F'];

const cases: Hostile[] = [
  { what: 'malformed JSON', method: 'POST', path: '/api/v1/notices', body: '{"noticeId": ', field: 'body' },
  { what: 'JSON that is not an object', method: 'POST', path: '/api/v1/notices', body: '[1,2,3]', field: 'body' },
  { what: 'an empty JSON body', method: 'POST', path: '/api/v1/notices', body: '', field: 'body' },
  {
    what: 'a body of another media type',
    method: 'POST',
    path: '/api/v1/notices',
    body: 'noticeId=1',
    headers: { 'content-type': 'text/plain' },
    field: 'headers/content-type',
  },
  { what: 'a 10 MB body', method: 'POST', path: '/api/v1/notices', body: json({ summary: 'x'.repeat(10 * 1024 * 1024) }), field: 'body' },
  {
    what: 'a number for a string',
    method: 'POST',
    path: '/api/v1/session',
    body: json({ name: 5, password: 'x' }),
    as: 'nobody',
    field: 'body/name',
  },
  {
    what: 'a list for a string',
    method: 'POST',
    path: '/api/v1/session',
    body: json({ name: 'a.b', password: ['x'] }),
    as: 'nobody',
    field: 'body/password',
  },
  {
    what: 'an unknown field at sign-in',
    method: 'POST',
    path: '/api/v1/session',
    body: json({ name: 'a.b', password: 'x', admin: true }),
    as: 'nobody',
    field: 'body/admin',
  },
  {
    what: 'a missing field at sign-in',
    method: 'POST',
    path: '/api/v1/session',
    body: json({ name: 'a.b' }),
    as: 'nobody',
    field: 'body/password',
  },
  {
    what: 'a string for a count in a notice',
    method: 'POST',
    path: '/api/v1/notices',
    body: withNotice((n) => (n.migrantCount = 'many')),
    field: 'body/migrantCount',
  },
  {
    what: 'an unknown field in a notice',
    method: 'POST',
    path: '/api/v1/notices',
    body: withNotice((n) => (n.isVerified = true)),
    field: /^body\/isVerified/,
  },
  {
    what: 'an unknown field in a person',
    method: 'POST',
    path: '/api/v1/notices',
    body: withNotice((n) => ((n.persons as Record<string, unknown>[])[0] = { role: 'WITNESS', religion: 'x' })),
    field: /^body\/persons\/0\/religion/,
  },
  {
    what: 'a notice id that is no UUID',
    method: 'POST',
    path: '/api/v1/notices',
    body: withNotice((n) => (n.noticeId = 'not-a-uuid')),
    field: 'body/noticeId',
  },
  {
    what: 'another issuing agency',
    method: 'POST',
    path: '/api/v1/notices',
    body: withNotice((n) => (n.issuingAgency = 'fr-police')),
    field: 'body/issuingAgency',
  },
  {
    what: 'a notice without noticeId nor Idempotency-Key',
    method: 'POST',
    path: '/api/v1/notices',
    body: withNotice((n) => delete n.noticeId),
    field: 'headers/idempotency-key',
  },
  {
    what: 'an unknown officer role',
    method: 'POST',
    path: '/api/v1/officers',
    body: json({ name: 'new.one', role: 'root' }),
    as: 'session',
    field: 'body/role',
  },
  {
    what: 'an unknown token scope',
    method: 'POST',
    path: '/api/v1/tokens',
    body: json({ name: 'x-system', scopes: ['read', 'admin'] }),
    as: 'session',
    field: 'body/scopes/1',
  },
  { what: 'a page size too large', method: 'GET', path: '/api/v1/views?limit=100000', field: 'query/limit' },
  { what: 'an unknown query parameter', method: 'GET', path: '/api/v1/views?where=1', field: 'query/where' },
  { what: 'an invalid UUID in the path', method: 'GET', path: '/api/v1/views/1234', field: 'params/noticeId' },
  {
    what: 'an invalid UUID in a receipt path',
    method: 'POST',
    path: '/api/v1/views/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz/receipts',
    field: 'params/noticeId',
  },
  {
    what: 'an invalid UUID for a notice',
    method: 'GET',
    path: '/api/v1/notices/00000000-0000-0000-0000-00000000000',
    field: 'params/noticeId',
  },
  {
    what: 'an Idempotency-Key with separators',
    method: 'POST',
    path: '/api/v1/notices',
    body: withNotice((n) => delete n.noticeId),
    headers: { 'idempotency-key': 'abc"; drop=1' },
    field: 'headers/idempotency-key',
  },
  {
    what: 'an Authorization header that is no Bearer token',
    method: 'GET',
    path: '/api/v1/views',
    headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    as: 'nobody',
    field: 'headers/authorization',
  },
  {
    what: 'a forged CSRF token',
    method: 'POST',
    path: '/api/v1/tokens',
    body: json({ name: 'x-system', scopes: ['read'] }),
    headers: { 'x-csrf-token': 'forged' },
    as: 'session',
    field: 'headers/x-csrf-token',
  },
  ...SQL.flatMap((s, i): Hostile[] => [
    {
      what: `SQL in an officer name (${i})`,
      method: 'POST',
      path: '/api/v1/officers',
      body: json({ name: s, role: 'officer' }),
      as: 'session',
      field: 'body/name',
    },
    {
      what: `SQL in a token name (${i})`,
      method: 'POST',
      path: '/api/v1/tokens',
      body: json({ name: s, scopes: ['read'] }),
      as: 'session',
      field: 'body/name',
    },
    {
      what: `SQL in a scope (${i})`,
      method: 'POST',
      path: '/api/v1/tokens',
      body: json({ name: 'x-system', scopes: [s] }),
      as: 'session',
      field: 'body/scopes/0',
    },
    {
      what: `SQL in a sign-in name (${i})`,
      method: 'POST',
      path: '/api/v1/session',
      body: json({ name: s, password: s }),
      as: 'nobody',
      field: 'body/name',
    },
    { what: `SQL in a cursor (${i})`, method: 'GET', path: `/api/v1/views?cursor=${encodeURIComponent(s)}`, field: 'query/cursor' },
    { what: `SQL in a page size (${i})`, method: 'GET', path: `/api/v1/views?limit=${encodeURIComponent(s)}`, field: 'query/limit' },
    {
      what: `SQL in a date (${i})`,
      method: 'GET',
      path: `/api/v1/reads?since=${encodeURIComponent(s)}`,
      as: 'session',
      field: 'query/since',
    },
    {
      what: `SQL in a notice id (${i})`,
      method: 'POST',
      path: '/api/v1/notices',
      body: withNotice((n) => (n.noticeId = s)),
      field: 'body/noticeId',
    },
    {
      what: `SQL in the issuing agency (${i})`,
      method: 'POST',
      path: '/api/v1/notices',
      body: withNotice((n) => (n.issuingAgency = s)),
      field: 'body/issuingAgency',
    },
    {
      what: `SQL in an addressee (${i})`,
      method: 'POST',
      path: '/api/v1/notices',
      body: withNotice((n) => (n.addressees = [s])),
      field: /^body\/addressees/,
    },
    {
      what: `SQL in a nationality (${i})`,
      method: 'POST',
      path: '/api/v1/notices',
      body: withNotice((n) => (((n.persons as Record<string, unknown>[])[0] ?? {}).nationality = s)),
      field: /^body\/persons\/0\/nationality/,
    },
    {
      what: `SQL in the issue time (${i})`,
      method: 'POST',
      path: '/api/v1/notices',
      body: withNotice((n) => (n.issuedAt = s)),
      field: 'body/issuedAt',
    },
    {
      what: `SQL in an Idempotency-Key (${i})`,
      method: 'POST',
      path: '/api/v1/notices',
      body: withNotice((n) => delete n.noticeId),
      headers: { 'idempotency-key': s.replace(/[^\x20-\x7e]/g, '') },
      field: 'headers/idempotency-key',
    },
  ]),
  ...TRAVERSALS.flatMap((t, i): Hostile[] => [
    { what: `a traversal for a view (${i})`, method: 'GET', path: `/api/v1/views/${t}`, field: 'params/noticeId' },
    { what: `a traversal for a receipt (${i})`, method: 'POST', path: `/api/v1/views/${t}/receipts`, field: 'params/noticeId' },
    { what: `a traversal for a notice (${i})`, method: 'GET', path: `/api/v1/notices/${t}`, field: 'params/noticeId' },
    {
      what: `a traversal for an officer (${i})`,
      method: 'POST',
      path: `/api/v1/officers/${t}/disable`,
      as: 'session',
      field: 'params/name',
    },
    { what: `a traversal for a token (${i})`, method: 'DELETE', path: `/api/v1/tokens/${t}`, as: 'session', field: 'params/name' },
  ]),
];

async function send(c: Hostile): Promise<{ status: number; contentType: string; body: Record<string, unknown> }> {
  const headers: Record<string, string> = c.body !== undefined ? { 'content-type': 'application/json' } : {};
  const as = c.as ?? 'token';
  if (as === 'token') headers.authorization = `Bearer ${token}`;
  if (as === 'session') Object.assign(headers, { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
  Object.assign(headers, c.headers);
  const response = await fetch(`${base}${c.path}`, { method: c.method, headers, ...(c.body !== undefined ? { body: c.body } : {}) });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** A request written byte by byte, as no well-behaved client would send it. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.end(request);
  });
}

describe('hostile input to the node API', () => {
  test.each(cases.map((c) => [c.what, c] as const))('%s: a 4xx problem naming the field', async (_what, c) => {
    const answer = await send(c);
    expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ status: answer.status, code: expect.stringMatching(/^E_[A-Z_]+$/) });
    expect(answer.body.field).toMatch(c.field);
  });

  test('a header with a control character is refused as a problem before any route', async () => {
    const answer = await raw(`GET /api/v1/views HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nX-Evil: a\u0000b\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('application/problem+json');
    expect(answer).toContain('"code":"E_REQUEST_INVALID"');
  });

  test('a header value split across lines (a second header smuggled in) is refused', async () => {
    const answer = await raw(
      `GET /api/v1/views HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\nSet-Cookie: accord_session=stolen\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(answer).not.toMatch(/^Set-Cookie: accord_session=stolen/im);
  });

  test('a raw path that climbs out of the API is a 404 problem naming the path', async () => {
    const answer = await raw(
      `GET /api/v1/views/../../../etc/passwd HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 404/);
    expect(answer).toContain('"field":"path"');
  });

  test('after all of it, the database holds exactly what it held before', () => {
    expect(dumpDatabase(fixture.db)).toBe(before);
  });
});
