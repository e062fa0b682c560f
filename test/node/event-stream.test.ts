import { afterAll, beforeAll, expect, test } from 'vitest';
import { appWithoutBus, type AppFixture } from './node-app-fixture.js';

let fixture: AppFixture;
let base = '';
let token = '';

beforeAll(async () => {
  fixture = await appWithoutBus();
  token = fixture.deps.tokens.create('wall-screen', ['read']).token;
  base = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await fixture.close();
});

/** Reads the stream until it holds `text`. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string): Promise<string> {
  let read = '';
  while (!read.includes(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    read += new TextDecoder().decode(value);
  }
  return read;
}

test('an event stream carries each node event as an SSE frame with its type and JSON data', async () => {
  const response = await fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  // The stream says it is connected once it is subscribed.
  await readUntil(reader, ': connected');
  fixture.deps.events.publish({
    type: 'view',
    noticeId: '00000000-0000-4000-8000-000000000001',
    deliverySeq: 7,
    receivedAt: '2026-12-02T10:00:00.000Z',
  });
  const text = await readUntil(reader, 'deliverySeq');
  await reader.cancel();
  expect(text).toContain('event: view\ndata: {"type":"view","noticeId":"00000000-0000-4000-8000-000000000001","deliverySeq":7');
});

test('an event stream needs the read scope', async () => {
  const publisher = fixture.deps.tokens.create('case-system', ['publish']).token;
  const response = await fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${publisher}` } });
  expect(response.status).toBe(403);
});

test('stopping the node ends open event streams instead of waiting on them', async () => {
  const response = await fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${token}` } });
  const reader = response.body?.getReader();
  await reader?.read();
  await fixture.app.close();
  let done = false;
  while (!done) done = (await reader?.read())?.done ?? true;
  expect(done).toBe(true);
});

test('an open event stream ends once its token is revoked', async () => {
  const quick = await appWithoutBus({ keepaliveMs: 50 });
  try {
    const revocable = quick.deps.tokens.create('old-screen', ['read']).token;
    const url = await quick.app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${revocable}` } });
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    await readUntil(reader, ': connected');
    quick.deps.tokens.revoke('old-screen');
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  } finally {
    await quick.close();
  }
});
