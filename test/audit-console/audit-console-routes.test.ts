/**
 * The auditor console over HTTP, without a bus: the routes of services/audit-console on
 * the fixture chain (Fastify's inject), for what the pages alone cannot show: headers,
 * the host and origin guard, redirects, downloads, the bus unreadable.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ChainVerifier, parseBundle, type SealedProofLine } from '../../libs/audit/index.js';
import { VerifyJob, type ChainSource } from '../../libs/audit-console/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { createLogger } from '../../libs/log/index.js';
import { buildAuditConsoleApp } from '../../services/audit-console/audit-console-app.js';
import { hostsFor } from '../../services/audit-console/host-guard.js';
import { auditFixture, listSource, NOTICE, type AuditFixture } from './audit-fixture.js';

const HOST = '127.0.0.1:8480';
const T0 = new Date('2026-12-01T10:00:00Z');
let fx: AuditFixture;
let app: FastifyInstance;
let verify: VerifyJob;
let broken = false;

beforeAll(async () => {
  fx = await auditFixture();
  const list = listSource(fx.records);
  const source: ChainSource = (onRecord, onProgress) => {
    if (broken) return Promise.reject(new AccordError('E_UNAVAILABLE', 'reading the audit stream failed: no servers'));
    return list(onRecord, onProgress);
  };
  verify = new VerifyJob(source, fx.auditKey, () => T0);
  app = await buildAuditConsoleApp({
    source,
    auditKey: fx.auditKey,
    auditPublicKey: fx.auditPublicKey,
    verify,
    allowedHosts: hostsFor('127.0.0.1', 8480),
    log: createLogger('test'),
    clock: () => T0,
  });
});

afterAll(async () => {
  await app?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { host: HOST, ...headers } });
const post = (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url,
    headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });

describe('every page', () => {
  test.each(['/', '/verify', '/records', `/records?notice=${NOTICE}`, `/notices/${NOTICE}`, '/charts', '/nowhere'])(
    '%s is HTML under the strict CSP, not to be framed',
    async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(url === '/nowhere' ? 404 : 200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = String(res.headers['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
      ])
        expect(csp).toContain(directive);
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-frame-options']).toBe('DENY');
    },
  );

  test('the overview shows the height read from the chain', async () => {
    expect((await get('/')).body).toContain('<strong class="chain-height">12</strong>');
  });

  test('the language: chosen with the form (a cookie), else Accept-Language', async () => {
    expect((await get('/', { 'accept-language': 'ar,en;q=0.5' })).body).toContain('<html lang="ar" dir="rtl">');
    const chosen = await post('/lang', { lang: 'fr', back: '/records?kind=VIEW' });
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe('/records?kind=VIEW');
    expect(String(chosen.headers['set-cookie'])).toMatch(/^accord_lang=fr; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect((await get('/', { cookie: 'accord_lang=fr', 'accept-language': 'ar' })).body).toContain('<html lang="fr" dir="ltr">');
  });

  test('the language form goes back only to a path of the console', async () => {
    for (const back of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      expect((await post('/lang', { lang: 'fr', back })).headers.location).toBe('/');
    }
  });

  test('filters that are not valid answer 400, with the form to correct them', async () => {
    const res = await get('/records?since=yesterday');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('aria-invalid="true"');
  });

  test('a notice id that cannot be one is 404', async () => {
    expect((await get('/notices/..%2F..%2Fetc')).statusCode).toBe(404);
    expect((await get('/notices/x%3Cscript%3E/proofs.jsonl')).statusCode).toBe(404);
  });
});

describe('only its own pages reach it', () => {
  test('a Host that is not its address (DNS rebinding) is 421', async () => {
    expect((await get('/', { host: 'evil.example:8480' })).statusCode).toBe(421);
    expect((await get('/', { host: 'localhost:8480' })).statusCode).toBe(200);
  });

  test('a form sent from another origin is 403 and starts nothing', async () => {
    const before = verify.status.state;
    expect((await post('/verify', {}, { origin: 'http://evil.example' })).statusCode).toBe(403);
    expect((await post('/verify', {}, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect(verify.status.state).toBe(before);
  });

  test("a browser's own form is taken on its Sec-Fetch-Site, whatever its Origin says (null under a strict referrer policy)", async () => {
    expect((await post('/lang', { lang: 'en', back: '/' }, { origin: 'null', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(303);
    expect((await post('/lang', { lang: 'en', back: '/' }, { origin: 'null' })).statusCode).toBe(403);
  });
});

describe('the verification over HTTP', () => {
  test('the button posts, the page follows it, the status says when it is done', async () => {
    const started = await post('/verify', {}, { origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' });
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toBe('/verify');
    await verify.settled();
    const status = await get('/verify/status');
    expect(status.headers['content-type']).toMatch(/^application\/json/);
    expect(status.headers['cache-control']).toBe('no-store');
    expect(status.json()).toEqual({ state: 'done', percent: 100, checked: 12, text: '' });
    expect((await get('/verify')).body).toContain('The chain is intact: 12 records verified from index 0.');
  });
});

describe('downloads', () => {
  test('the bundle is an attachment that verifies as audit verify-bundle would', async () => {
    const res = await get('/bundle');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="accord-audit-20261201T100000Z.jsonl"');
    const bundle = parseBundle(res.body);
    expect(bundle.header).toMatchObject({ format: 'accord-audit-bundle', version: 1, records: 12, exportedAt: T0.toISOString() });
    expect(bundle.header.auditPublicKey).toEqual(fx.auditPublicKey);
    const verifier = new ChainVerifier();
    for (const r of bundle.records) verifier.push(r);
    expect((await verifier.finish(fx.auditKey)).broken).toBeUndefined();
  });

  test("a notice's proofs are an attachment of JSON lines, one per record, as audit proof prints them", async () => {
    const res = await get(`/notices/${NOTICE}/proofs.jsonl`);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="proofs-${NOTICE}.jsonl"`);
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as SealedProofLine);
    expect(lines.map((l) => l.kind)).toEqual(['RECEIVED', 'ACCEPTED', 'ROUTED', 'VIEW', 'DELIVERED', 'RECEIPT']);
    expect(lines[0]).toMatchObject({ noticeId: NOTICE, index: 2, treeSize: 10, checkpointIndex: 10 });
  });

  test('a notice without records has no proofs to download: 404', async () => {
    expect((await get('/notices/00000000-0000-4000-8000-000000000000/proofs.jsonl')).statusCode).toBe(404);
  });
});

describe('the bus unreadable', () => {
  test('a page says so, 503, and a later page reads again', async () => {
    broken = true;
    const res = await get('/charts');
    broken = false;
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('The console cannot read the audit stream just now: <bdi>reading the audit stream failed: no servers</bdi>');
    expect((await get('/charts')).statusCode).toBe(200);
  });
});
