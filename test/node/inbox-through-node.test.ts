/**
 * `accord inbox --node URL`: an agency's views read through its node's HTTP API with an
 * API token, on a live stack: the issuer's system publishes through its node, the
 * recipient's node (over HTTPS, its certificate issued by the stack's CA) holds the view,
 * and the CLI lists it, checks the bus's signature on it, and sends a read receipt that
 * the issuer's track shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readStackFile } from '../../libs/client/index.js';
import { messageToJson } from '../../libs/proto/index.js';
import { stackLayout } from '../../libs/stack/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { call } from '../harness/node-http.js';
import { startNodeProcess, tokenIn, type NodeProcess } from '../harness/node-process.js';
import { cliOk as ok, runCliSync as accord, type CliRun } from '../harness/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-inbox-node-'));
const ISSUER = 'it-police';
const RECIPIENT = 'ly-coastguard';
const nodeDir = { [ISSUER]: join(dir, 'node-it-police'), [RECIPIENT]: join(dir, 'node-ly-coastguard') };

interface InboxDocument {
  views: { core?: { noticeId?: string }; recipient?: string }[];
  rejected: { deliverySeq: number; reason: string }[];
}

const tokens = { publisher: '', issuerReader: '', recipient: '', recipientPublishOnly: '' };
const nodes: Partial<Record<string, NodeProcess>> = {};
const node = (agency: string): NodeProcess => {
  const n = nodes[agency];
  if (!n) throw new Error(`node ${agency} is not running`);
  return n;
};
const tls = stackLayout(dir).tls;
const ca = join(tls, 'ca.pem');
let noticeId = '';

/** The recipient node, read the way its systems would: over HTTPS, trusting the stack's CA. */
const inbox = (...more: string[]): CliRun => accord('inbox', '--node', node(RECIPIENT).url, '--ca', ca, ...more);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
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
  const issuerDir = nodeDir[ISSUER] ?? '';
  const recipientDir = nodeDir[RECIPIENT] ?? '';
  tokens.publisher = tokenIn(ok('node', 'token', 'create', '--name', 'case-system', '--scope', 'read,publish', '--dir', issuerDir));
  tokens.issuerReader = tokenIn(ok('node', 'token', 'create', '--name', 'dashboard', '--scope', 'read', '--dir', issuerDir));
  tokens.recipient = tokenIn(ok('node', 'token', 'create', '--name', 'ops-room', '--scope', 'read,receipt', '--dir', recipientDir));
  tokens.recipientPublishOnly = tokenIn(ok('node', 'token', 'create', '--name', 'sender', '--scope', 'publish', '--dir', recipientDir));
  nodes[ISSUER] = await startNodeProcess(issuerDir);
  nodes[RECIPIENT] = await startNodeProcess(recipientDir, {}, [
    '--tls-cert',
    join(tls, 'server.pem'),
    '--tls-key',
    join(tls, 'server-key.pem'),
  ]);

  const notice = messageToJson('accord.v1.CaseNotice', sampleNotice(ISSUER, { addressees: [RECIPIENT] }));
  const answer = await call(node(ISSUER).url, 'POST', '/api/v1/notices', { token: tokens.publisher, json: notice });
  if (answer.status >= 300) throw new Error(`publishing through the issuer node: ${answer.status} ${answer.text}`);
  if (typeof notice.noticeId !== 'string') throw new Error('the sample notice has no noticeId');
  noticeId = notice.noticeId;
}, 240_000);

afterAll(async () => {
  for (const n of Object.values(nodes)) await n?.stop();
  accord('stack', 'down', '--dir', dir);
  rmSync(dir, { recursive: true, force: true });
});

describe('accord inbox --node', () => {
  test('lists the view the node holds, as the same JSON document as through NATS', async () => {
    expect(node(RECIPIENT).url).toMatch(/^https:\/\//);
    const deadline = Date.now() + 30_000;
    let doc: InboxDocument = { views: [], rejected: [] };
    let run: CliRun;
    do {
      run = inbox('--token', tokens.recipient, '--json');
      expect(run.status, run.stderr).toBe(0);
      doc = JSON.parse(run.stdout) as InboxDocument;
      if (doc.views.some((v) => v.core?.noticeId === noticeId)) break;
      await new Promise((r) => setTimeout(r, 500));
    } while (Date.now() < deadline);
    expect(doc.views.map((v) => v.core?.noticeId)).toEqual([noticeId]);
    expect(doc.rejected).toEqual([]);
    expect(JSON.stringify(doc.views)).toContain('Kamal Haddad');
  }, 60_000);

  test('prints the view as text, saying the node verified it', () => {
    const run = inbox('--token', tokens.recipient);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`notice ${noticeId}`);
    expect(run.stdout).toContain(`from ${ISSUER}`);
    expect(run.stderr).toContain('1 view(s) from');
    expect(run.stderr).toContain('as the node verified them');
  });

  test("with --bus-public-key, checks the bus's signature and prints what the bus signed: the node's own view, unchanged", () => {
    const { busPublicKey } = readStackFile(dir);
    const checked = inbox('--token', tokens.recipient, '--json', '--bus-public-key', busPublicKey);
    expect(checked.status, checked.stderr).toBe(0);
    const asNode = JSON.parse(inbox('--token', tokens.recipient, '--json').stdout) as InboxDocument;
    expect(JSON.parse(checked.stdout)).toEqual(asNode);
    expect(inbox('--token', tokens.recipient, '--bus-public-key', busPublicKey).stderr).toContain(
      "checked here against the bus's signature",
    );
  });

  test('a view that fails the check (a key that is not the bus key) is set aside, exit 3', () => {
    const { auditPublicKey } = readStackFile(dir);
    const run = inbox('--token', tokens.recipient, '--json', '--bus-public-key', auditPublicKey);
    expect(run.status, run.stderr).toBe(3);
    const doc = JSON.parse(run.stdout) as InboxDocument;
    expect(doc.views).toEqual([]);
    expect(doc.rejected).toHaveLength(1);
    expect(doc.rejected[0]?.reason).toMatch(/not the bus key/);
  });

  test('--as the agency of the node is accepted; --as another agency is a usage error (exit 2)', () => {
    expect(inbox('--token', tokens.recipient, '--as', RECIPIENT, '--json').status).toBe(0);
    const run = inbox('--token', tokens.recipient, '--as', ISSUER, '--json');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--as ${ISSUER}: the node at ${node(RECIPIENT).url} holds ${RECIPIENT}'s views`);
    expect(run.stdout).toBe('');
  });

  test('a token without the read scope: exit 1, saying the node does not let it read views, quoting the node', () => {
    const run = inbox('--token', tokens.recipientPublishOnly, '--json');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('E_FORBIDDEN');
    expect(run.stderr).toContain('does not let this token read views');
    expect(run.stderr).toContain('this token has no read scope');
    expect(run.stdout).toBe('');
  });

  test('a token the node does not know: exit 1, saying the token is refused', () => {
    const run = inbox('--token', 'acn_not-a-token-of-this-node', '--json');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('E_UNAUTHENTICATED');
    expect(run.stderr).toContain(`the node at ${node(RECIPIENT).url} refuses the token`);
  });

  test("without --ca, the node's certificate is not trusted: exit 1, naming the node", () => {
    const run = accord('inbox', '--node', node(RECIPIENT).url, '--token', tokens.recipient, '--json');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`cannot reach the node at ${node(RECIPIENT).url}: its certificate is not trusted`);
  });

  test('an unreachable node: exit 1, E_UNAVAILABLE naming its URL', async () => {
    const url = `https://127.0.0.1:${await freePort()}`;
    const run = accord('inbox', '--node', url, '--token', tokens.recipient, '--ca', ca, '--json');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`E_UNAVAILABLE: cannot reach the node at ${url}`);
  });

  test('options of the NATS mode with --node are a usage error (exit 2)', () => {
    const run = inbox('--token', tokens.recipient, '--officer', 'maria.rossi');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--officer');
  });

  test("--receipt sends a read receipt for the view, which the issuer's track shows under the token's name", async () => {
    const run = inbox('--token', tokens.recipient, '--json', '--receipt');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('read receipts sent for 1 notice(s) as token:ops-room');
    const deadline = Date.now() + 30_000;
    let track: unknown;
    do {
      const answer = await call(node(ISSUER).url, 'GET', `/api/v1/notices/${noticeId}`, { token: tokens.issuerReader });
      expect(answer.status, answer.text).toBe(200);
      track = (answer.body as { track?: unknown }).track;
      if (JSON.stringify(track).includes('ops-room')) break;
      await new Promise((r) => setTimeout(r, 500));
    } while (Date.now() < deadline);
    expect(track).toMatchObject({ receipts: [expect.objectContaining({ officer: 'token:ops-room', agency: RECIPIENT })] });
  }, 60_000);

  test('--receipt with a token that may read but not give receipts: the views printed, then exit 1 naming the scope', () => {
    const reader = tokenIn(ok('node', 'token', 'create', '--name', 'wall-screen', '--scope', 'read', '--dir', nodeDir[RECIPIENT] ?? ''));
    const run = inbox('--token', reader, '--json', '--receipt');
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as InboxDocument).views).toHaveLength(1);
    expect(run.stderr).toContain(`does not let this token give a receipt for ${noticeId}`);
    expect(run.stderr).toContain('no receipt scope');
  });
});
