/**
 * Two agencies' nodes on a live stack, over real HTTP, as their systems and officers use
 * them: the issuer's system publishes through its node, the recipient's node receives
 * the view and tells its clients (Server-Sent Events), an officer there signs in and
 * gives a read receipt, which the issuer's track shows by the officer's account.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { consumers, streams } from '../../libs/bus/index.js';
import { connectAs, readStackFile } from '../../libs/client/index.js';
import { readNodeConfig, nodeLayout } from '../../libs/node/index.js';
import { messageToJson } from '../../libs/proto/index.js';
import { stackLayout } from '../../libs/stack/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { awaitEvent, call, cookieOf } from '../harness/node-http.js';
import { oneTimePasswordIn, startNodeProcess, tokenIn, type NodeProcess } from '../harness/node-process.js';
import { cliOk as ok, runCliSync as accord } from '../harness/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-agency-node-'));
const ISSUER = 'it-police';
const RECIPIENT = 'ly-coastguard';
const nodeDir = { [ISSUER]: join(dir, 'node-it-police'), [RECIPIENT]: join(dir, 'node-ly-coastguard') };

const tokens = { publisher: '', reader: '', recipient: '' };
const passwords = { recipientOfficer: '', issuerOfficer: '' };
const nodes: Partial<Record<string, NodeProcess>> = {};
const node = (agency: string): NodeProcess => {
  const n = nodes[agency];
  if (!n) throw new Error(`node ${agency} is not running`);
  return n;
};

function noticeJson(): Record<string, unknown> {
  const notice = sampleNotice(ISSUER, { addressees: [RECIPIENT] });
  return messageToJson('accord.v1.CaseNotice', notice);
}

/** Signs in with a one-time password, sets a new one, signs in again: the session a real officer gets. */
async function signIn(base: string, name: string, oneTime: string): Promise<{ cookie: string; csrf: string }> {
  const first = await call(base, 'POST', '/api/v1/session', { json: { name, password: oneTime } });
  expect(first.status, first.text).toBe(200);
  const cookie = cookieOf(first, 'accord_session');
  const csrf = (first.body as { csrfToken: string }).csrfToken;
  const newPassword = `${name}-own-password-2026`;
  const changed = await call(base, 'POST', '/api/v1/session/password', { cookie, csrf, json: { newPassword } });
  expect(changed.status, changed.text).toBe(204);
  const again = await call(base, 'POST', '/api/v1/session', { json: { name, password: newPassword } });
  expect(again.status, again.text).toBe(200);
  return { cookie: cookieOf(again, 'accord_session'), csrf: (again.body as { csrfToken: string }).csrfToken };
}

beforeAll(async () => {
  ok('stack', 'up', '--dir', dir);
  for (const [id, country, role] of [
    [ISSUER, 'IT', 'police'],
    [RECIPIENT, 'LY', 'coastguard'],
  ] as const) {
    ok('agency', 'add', id, '--country', country, '--role', role, '--groups', 'med', '--dir', dir);
    ok('node', 'init', '--agency', id, '--dir', nodeDir[id] ?? '', '--stack', dir);
  }
  tokens.publisher = tokenIn(
    ok('node', 'token', 'create', '--name', 'case-system', '--scope', 'read,publish', '--dir', nodeDir[ISSUER] ?? ''),
  );
  tokens.reader = tokenIn(ok('node', 'token', 'create', '--name', 'dashboard', '--scope', 'read', '--dir', nodeDir[ISSUER] ?? ''));
  tokens.recipient = tokenIn(
    ok('node', 'token', 'create', '--name', 'ops-room', '--scope', 'read,receipt', '--dir', nodeDir[RECIPIENT] ?? ''),
  );
  passwords.recipientOfficer = oneTimePasswordIn(
    ok('node', 'officer', 'add', 'maria.rossi', '--role', 'officer', '--dir', nodeDir[RECIPIENT] ?? ''),
  );
  passwords.issuerOfficer = oneTimePasswordIn(
    ok('node', 'officer', 'add', 'luca.bianchi', '--role', 'officer', '--dir', nodeDir[ISSUER] ?? ''),
  );
  nodes[ISSUER] = await startNodeProcess(nodeDir[ISSUER] ?? '');
  nodes[RECIPIENT] = await startNodeProcess(nodeDir[RECIPIENT] ?? '');
}, 240_000);

afterAll(async () => {
  for (const n of Object.values(nodes)) await n?.stop();
  accord('stack', 'down', '--dir', dir);
  rmSync(dir, { recursive: true, force: true });
});

describe('publishing through one node, reading at another', () => {
  const published: string[] = [];

  test('a notice published through the issuer node reaches the recipient node as a Server-Sent Event', async () => {
    const notice = noticeJson();
    const started = Date.now();
    let answer: Awaited<ReturnType<typeof call>> | undefined;
    const event = await awaitEvent(
      node(RECIPIENT).url,
      tokens.recipient,
      (e) => e.event === 'view' && (e.data as { noticeId?: string }).noticeId === notice.noticeId,
      30_000,
      async () => {
        answer = await call(node(ISSUER).url, 'POST', '/api/v1/notices', { token: tokens.publisher, json: notice });
      },
    );
    console.info(`node to node: the view's event came ${Date.now() - started} ms after the publish request`);
    expect(answer?.status, answer?.text).toBeLessThan(300);
    expect(event.data).toMatchObject({ type: 'view', noticeId: notice.noticeId });
    published.push(String(notice.noticeId));
    const view = await call(node(RECIPIENT).url, 'GET', `/api/v1/views/${String(notice.noticeId)}`, { token: tokens.recipient });
    expect(view.status, view.text).toBe(200);
    expect(JSON.stringify(view.body)).toContain('Kamal Haddad');
  }, 60_000);

  test("the issuer's track shows the recipient officer's read receipt under the officer's account", async () => {
    const [noticeId = ''] = published;
    const { cookie, csrf } = await signIn(node(RECIPIENT).url, 'maria.rossi', passwords.recipientOfficer);
    const receipt = await call(node(RECIPIENT).url, 'POST', `/api/v1/views/${noticeId}/receipts`, { cookie, csrf });
    expect(receipt.status, receipt.text).toBe(201);
    const deadline = Date.now() + 30_000;
    let track: unknown;
    do {
      const answer = await call(node(ISSUER).url, 'GET', `/api/v1/notices/${noticeId}`, { token: tokens.reader });
      expect(answer.status, answer.text).toBe(200);
      track = (answer.body as { track?: unknown }).track;
      if (JSON.stringify(track).includes('maria.rossi')) break;
      await new Promise((r) => setTimeout(r, 500));
    } while (Date.now() < deadline);
    expect(track).toMatchObject({ receipts: [expect.objectContaining({ officer: 'maria.rossi', agency: RECIPIENT })] });
    expect(track).toMatchObject({ deliveries: [expect.objectContaining({ recipient: RECIPIENT })] });
  }, 60_000);

  test('a token without the publish scope is refused with 403', async () => {
    const answer = await call(node(ISSUER).url, 'POST', '/api/v1/notices', { token: tokens.reader, json: noticeJson() });
    expect(answer.status).toBe(403);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ code: 'E_FORBIDDEN', status: 403 });
  });

  test("one node's session cookie is refused with 401 at another node", async () => {
    const { cookie } = await signIn(node(ISSUER).url, 'luca.bianchi', passwords.issuerOfficer);
    expect((await call(node(ISSUER).url, 'GET', '/api/v1/views', { cookie })).status).toBe(200);
    const elsewhere = await call(node(RECIPIENT).url, 'GET', '/api/v1/views', { cookie });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body).toMatchObject({ code: 'E_UNAUTHENTICATED' });
  });

  test("the broker refuses the issuer node's credential on the recipient's deliveries", async () => {
    const stack = readStackFile(dir);
    const issuerCreds = readNodeConfig(nodeLayout(nodeDir[ISSUER] ?? '').config).credentials;
    const nc = await connectAs(stack, { kind: 'node', agency: ISSUER }, issuerCreds);
    try {
      const js = jetstream(nc);
      for (const consumer of [consumers.node(RECIPIENT), consumers.inbox(RECIPIENT)]) {
        await expect(
          js.consumers.get(streams.deliveries, consumer).then((c) => c.next({ expires: 2000 })),
          consumer,
        ).rejects.toThrow(/permission|denied|timeout/i);
      }
    } finally {
      await nc.close();
    }
  });

  test('`accord inbox` with the liaison credential still receives every view while the node runs', () => {
    const run = accord('inbox', '--as', RECIPIENT, '--json', '--dir', dir);
    expect(run.status, run.stderr).toBe(0);
    const ids = (JSON.parse(run.stdout) as { views: { core?: { noticeId?: string } }[] }).views.map((v) => v.core?.noticeId);
    for (const id of published) expect(ids).toContain(id);
  });

  test('a copy of the database, read without the node key, holds no value of any view', async () => {
    const layout = nodeLayout(nodeDir[RECIPIENT] ?? '');
    const copy = join(dir, 'stolen.db');
    copyFileSync(layout.database, copy);
    const wal = `${layout.database}-wal`;
    const bytes = Buffer.concat([readFileSync(copy), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
    const view = await call(node(RECIPIENT).url, 'GET', `/api/v1/views/${published[0] ?? ''}`, { token: tokens.recipient });
    const values = [
      'Kamal Haddad',
      '+218 91 555 0101',
      'LY4455667',
      'Boat left Zuwara',
      'LY83002048000020100120361',
      'Zuwara beach',
    ].filter((v) => JSON.stringify(view.body).includes(v));
    expect(values.length, 'the view holds values to look for').toBeGreaterThanOrEqual(3);
    for (const value of values) expect(bytes.includes(Buffer.from(value, 'utf8')), value).toBe(false);
  });

  test('after `agency rotate-creds` the running node takes its renewed credential and keeps its database', async () => {
    ok('agency', 'rotate-creds', RECIPIENT, '--dir', dir);
    const notice = noticeJson();
    const sent = await call(node(ISSUER).url, 'POST', '/api/v1/notices', { token: tokens.publisher, json: notice });
    expect(sent.status, sent.text).toBeLessThan(300);
    const deadline = Date.now() + 30_000;
    let held: string[] = [];
    do {
      const answer = await call(node(RECIPIENT).url, 'GET', '/api/v1/views?limit=500', { token: tokens.recipient });
      held = (answer.body as { views: { noticeId: string }[] }).views.map((v) => v.noticeId);
      if (held.includes(String(notice.noticeId))) break;
      await new Promise((r) => setTimeout(r, 500));
    } while (Date.now() < deadline);
    expect(held).toContain(String(notice.noticeId));
    for (const id of published) expect(held).toContain(id);
  }, 60_000);

  test("the nodes' logs carry requests, and no value of a notice", () => {
    for (const agency of [ISSUER, RECIPIENT]) {
      const log = node(agency).output();
      expect(log, agency).toMatch(/"route":"\/api\/v1\//);
      for (const value of ['Kamal Haddad', 'Amina Tesfaye', 'Yonas Berhane', '+218 91 555 0101', 'LY4455667', 'Zuwara'])
        expect(log, `${agency}: ${value}`).not.toContain(value);
    }
  });

  test("every read through the node is in its read log, under the reader's account", () => {
    const lines = ok('node', 'reads', '--dir', nodeDir[RECIPIENT] ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { noticeId: string; reader: string });
    expect(lines).toContainEqual(expect.objectContaining({ noticeId: published[0], reader: 'token:ops-room' }));
  });

  test('a retry with the same noticeId is the same submission', async () => {
    const notice = noticeJson();
    const first = await call(node(ISSUER).url, 'POST', '/api/v1/notices', { token: tokens.publisher, json: notice });
    const again = await call(node(ISSUER).url, 'POST', '/api/v1/notices', { token: tokens.publisher, json: notice });
    expect(first.status, first.text).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  test('a notice without noticeId and the same Idempotency-Key twice is one submission; another body under that key is a conflict', async () => {
    const { noticeId: _dropped, ...notice } = noticeJson();
    const headers = { 'idempotency-key': `case-system:${Date.now()}:42` };
    const first = await call(node(ISSUER).url, 'POST', '/api/v1/notices', { token: tokens.publisher, json: notice, headers });
    const again = await call(node(ISSUER).url, 'POST', '/api/v1/notices', { token: tokens.publisher, json: notice, headers });
    expect(first.status, first.text).toBe(200);
    expect((first.body as { noticeId: string }).noticeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(again.body).toEqual(first.body);
    const other = await call(node(ISSUER).url, 'POST', '/api/v1/notices', {
      token: tokens.publisher,
      json: { ...notice, caseRef: 'OTHER-1' },
      headers,
    });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'E_CONFLICT', field: 'headers/idempotency-key' });
  });

  test('a notice the bus quarantines is answered with its reason code and listed in the quarantine', async () => {
    const notice: Record<string, unknown> = { ...noticeJson(), addressees: ['xx-nobody'] };
    const answer = await call(node(ISSUER).url, 'POST', '/api/v1/notices', { token: tokens.publisher, json: notice });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ noticeId: notice.noticeId, status: 'quarantined', code: 'E_UNKNOWN_ADDRESSEE' });
    const listed = await call(node(ISSUER).url, 'GET', '/api/v1/quarantine', { token: tokens.reader });
    expect(listed.status, listed.text).toBe(200);
    expect(JSON.stringify(listed.body)).toContain(String(notice.noticeId));
  });
});

describe("a withdrawal reaches the recipient's node, its console and the liaisons' store", () => {
  let noticeId = '';

  beforeAll(async () => {
    const notice = noticeJson();
    noticeId = String(notice.noticeId);
    const sent = await call(node(ISSUER).url, 'POST', '/api/v1/notices', { token: tokens.publisher, json: notice });
    expect(sent.status, sent.text).toBeLessThan(300);
    await heldBy(RECIPIENT, (body) => JSON.stringify(body).includes('Kamal Haddad'));
    // The liaisons take the view into their own store before it is withdrawn.
    expect(accord('inbox', '--as', RECIPIENT, '--json', '--dir', dir).stdout).toContain(noticeId);
    ok('withdraw', '--as', ISSUER, noticeId, '--reason', 'Issued in error.', '--code', 'INACCURATE', '--wait', '--dir', dir);
    await heldBy(RECIPIENT, (body) => (body as { status?: string }).status === 'withdrawn');
  }, 90_000);

  /** Polls the recipient node's answer for the notice until `done` holds. */
  async function heldBy(agency: string, done: (body: unknown) => boolean): Promise<unknown> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const answer = await call(node(agency).url, 'GET', `/api/v1/views/${noticeId}`, { token: tokens.recipient });
      if (answer.status === 200 && done(answer.body)) return answer.body;
      if (Date.now() > deadline) throw new Error(`${agency}'s node: ${answer.status} ${answer.text}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  test('the node answers with the tombstone, no content', async () => {
    const body = await heldBy(RECIPIENT, () => true);
    expect(JSON.stringify(body)).toContain('Issued in error.');
    expect(JSON.stringify(body)).not.toContain('Kamal Haddad');
  });

  test('the console shows it withdrawn, and nothing of it', async () => {
    const session = await call(node(RECIPIENT).url, 'POST', '/api/v1/session', {
      json: { name: 'maria.rossi', password: 'maria.rossi-own-password-2026' },
    });
    expect(session.status, session.text).toBe(200);
    const page = await call(node(RECIPIENT).url, 'GET', `/notices/${noticeId}`, { cookie: cookieOf(session, 'accord_session') });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Withdrawn');
    expect(page.text).not.toContain('Kamal Haddad');
  });

  test("the liaisons' own store keeps the withdrawal, not the content", () => {
    const run = accord('inbox', '--as', RECIPIENT, '--json', '--dir', dir);
    expect(run.status, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as { views: { core?: { noticeId?: string } }[]; withdrawn: { noticeId: string }[] };
    expect(document.withdrawn.map((w) => w.noticeId)).toContain(noticeId);
    expect(document.views.map((v) => v.core?.noticeId)).not.toContain(noticeId);
    const stored = readdirSync(join(stackLayout(dir).agencyStore(RECIPIENT), 'views')).map((f) =>
      readFileSync(join(stackLayout(dir).agencyStore(RECIPIENT), 'views', f), 'utf8'),
    );
    expect(stored.some((s) => s.includes(noticeId))).toBe(true);
    expect(stored.filter((s) => s.includes(noticeId)).some((s) => s.includes('signedView'))).toBe(false);
  });
});
