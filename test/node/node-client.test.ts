/**
 * The node client takes what a node answers as input: pages followed to the end, shapes
 * checked, sizes limited, refusals and strangers' answers turned into codes. Against a
 * small HTTP server of the test's own, no stack.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { NodeClient } from '../../libs/client/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server | undefined;

async function serve(handler: Handler): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const entry = (seq: number) => ({
  deliverySeq: seq,
  noticeId: `n-${seq}`,
  receivedAt: '2026-11-29T08:00:00.000Z',
  view: { core: { noticeId: `n-${seq}` } },
  signedView: 'AA==',
});

function json(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
}

const problem = (code: string, status: number, detail: string) => ({
  type: `urn:accord:problem:${code}`,
  title: 'refused',
  status,
  detail,
  code,
});

async function refusal(promise: Promise<unknown>): Promise<{ code?: string; message?: string; retryable?: boolean }> {
  return promise.then(
    () => ({}),
    (error: { code: string; message: string; retryable: boolean }) => error,
  );
}

describe('the node client', () => {
  test('follows nextCursor through every page, sending the token', async () => {
    const seen: string[] = [];
    const base = await serve((req, res) => {
      seen.push(`${req.headers.authorization} ${req.url}`);
      const cursor = new URL(req.url ?? '', 'http://x').searchParams.get('cursor');
      if (!cursor) json(res, 200, { views: [entry(1), entry(2)], nextCursor: '2' });
      else if (cursor === '2') json(res, 200, { views: [entry(3)], nextCursor: '3' });
      else json(res, 200, { views: [] });
    });
    const views = await new NodeClient(base, 'acn_t', { pageSize: 2 }).listViews();
    expect(views.map((v) => v.deliverySeq)).toEqual([1, 2, 3]);
    expect(seen).toEqual([
      'Bearer acn_t /api/v1/views?limit=2',
      'Bearer acn_t /api/v1/views?limit=2&cursor=2',
      'Bearer acn_t /api/v1/views?limit=2&cursor=3',
    ]);
  });

  test('a node under a path (behind a reverse proxy) is asked under that path', async () => {
    let path = '';
    const base = await serve((req, res) => {
      path = req.url ?? '';
      json(res, 200, { views: [] });
    });
    await new NodeClient(`${base}/accord`, 'acn_t').listViews();
    expect(path).toBe('/accord/api/v1/views?limit=100');
  });

  test('a cursor given twice is refused: the pages do not advance', async () => {
    const base = await serve((_req, res) => json(res, 200, { views: [entry(1)], nextCursor: '1' }));
    expect(await refusal(new NodeClient(base, 'acn_t').listViews())).toMatchObject({
      code: 'E_STATE',
      message: expect.stringContaining('gave cursor 1 twice'),
    });
  });

  test('a view without its signedView is refused, naming its index', async () => {
    const { signedView: _s, ...unsigned } = entry(1);
    const base = await serve((_req, res) => json(res, 200, { views: [entry(0), unsigned] }));
    expect(await refusal(new NodeClient(base, 'acn_t').listViews())).toMatchObject({
      code: 'E_STATE',
      message: expect.stringContaining('views[1] lacks'),
    });
  });

  test('401 and 403 problems: the token refused, or not allowed, with the node detail quoted', async () => {
    const base = await serve((req, res) => {
      if (req.method === 'GET') json(res, 401, problem('E_UNAUTHENTICATED', 401, 'unknown token'), 'application/problem+json');
      else json(res, 403, problem('E_FORBIDDEN', 403, 'this token has no receipt scope (it has read)'), 'application/problem+json');
    });
    const client = new NodeClient(base, 'acn_t');
    expect(await refusal(client.listViews())).toMatchObject({
      code: 'E_UNAUTHENTICATED',
      message: `the node at ${base} refuses the token (E_UNAUTHENTICATED: "unknown token")`,
    });
    expect(await refusal(client.sendReceipt('n-1'))).toMatchObject({
      code: 'E_FORBIDDEN',
      message: expect.stringContaining('does not let this token give a receipt for n-1 (E_FORBIDDEN: "this token has no receipt scope'),
    });
  });

  test('an answer that is not a problem document (a proxy page) is E_UNAVAILABLE, asking whether the address is right', async () => {
    const base = await serve((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
    expect(await refusal(new NodeClient(base, 'acn_t').listViews())).toMatchObject({
      code: 'E_UNAVAILABLE',
      retryable: true,
      message: expect.stringContaining("answered 502 text/html, not a problem document: is this the node's address?"),
    });
  });

  test('a 200 that is not JSON is refused: it does not answer as a node', async () => {
    const base = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'));
    expect(await refusal(new NodeClient(base, 'acn_t').listViews())).toMatchObject({
      code: 'E_STATE',
      message: expect.stringContaining('does not answer as an Accord node'),
    });
  });

  test('an answer larger than the limit is refused before it is parsed', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ views: [], padding: 'x'.repeat(100_000) }));
    });
    expect(await refusal(new NodeClient(base, 'acn_t', { maxResponseBytes: 10_000 }).listViews())).toMatchObject({
      code: 'E_LIMIT_EXCEEDED',
      message: expect.stringContaining('more than 10000 bytes'),
    });
  });

  test('a node that does not answer in time: E_TIMEOUT, naming it', async () => {
    const base = await serve(() => {
      // never answers
    });
    expect(await refusal(new NodeClient(base, 'acn_t', { timeoutMs: 200 }).listViews())).toMatchObject({
      code: 'E_TIMEOUT',
      message: `the node at ${base} did not answer within 200 ms`,
    });
  });

  test('a URL that is not http(s), or a token with a space, is a usage error', () => {
    expect(() => new NodeClient('nats://127.0.0.1:4222', 'acn_t')).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    expect(() => new NodeClient('https://node.example', 'acn t')).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });

  test('a receipt answers the name the node recorded it under', async () => {
    const base = await serve((req, res) => {
      expect(req.method).toBe('POST');
      expect(req.url).toBe('/api/v1/views/n%2F1/receipts');
      json(res, 201, { noticeId: 'n/1', reader: 'token:ops-room', readAt: '2026-11-29T08:00:00.000Z' });
    });
    expect(await new NodeClient(base, 'acn_t').sendReceipt('n/1')).toEqual({
      noticeId: 'n/1',
      reader: 'token:ops-room',
      readAt: '2026-11-29T08:00:00.000Z',
    });
  });
});
