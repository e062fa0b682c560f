/**
 * `accord inbox --node` on a node's feed holding withdrawals and tombstones: each printed
 * from what the bus signed, not from the node's copy. Against a small HTTP server of the
 * test's own, no stack.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { v1 } from '../../libs/proto/index.js';
import { runCli } from '../harness/run-cli.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { busSigned, deliveredView, parties, tombstoneView, type Parties } from '../harness/view-fixture.js';

const AGENCY = 'ly-coastguard';
const WITHDRAWN = randomUUID();
let p: Parties;
let server: Server;
let url = '';
let dir = '';
let busKeyFile = '';
let feed: unknown[] = [];

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

beforeAll(async () => {
  p = await parties();
  dir = mkdtempSync(join(tmpdir(), 'accord-inbox-node-tombstones-'));
  busKeyFile = join(dir, 'bus.jwk.pub');
  writeFileSync(busKeyFile, JSON.stringify(p.busJwk));
  const notice = sampleNotice('it-police');
  const signedView = await busSigned(p, await deliveredView(p, notice, [], AGENCY));
  const by = randomUUID();
  const tombstone = {
    kind: v1.RelationKind.WITHDRAWAL,
    byNoticeId: by,
    noticeIds: [WITHDRAWN],
    withdrawalCode: v1.WithdrawalCode.LEGAL_ORDER,
    reason: 'Ordered by the court.',
  };
  const signedTombstone = await busSigned(p, tombstoneView(tombstone, AGENCY));
  const record = {
    kind: 'WITHDRAWAL',
    byNoticeId: by,
    issuingAgency: 'it-police',
    issuedAt: '2026-12-03T09:00:00Z',
    noticeIds: [WITHDRAWN],
    withdrawalCode: 'LEGAL_ORDER',
    reason: 'Ordered by the court.',
  };
  feed = [
    {
      deliverySeq: 1,
      noticeId: notice.noticeId,
      receivedAt: '2026-12-03T08:00:00Z',
      view: { core: { noticeId: notice.noticeId } },
      signedView: b64(signedView),
    },
    {
      deliverySeq: 2,
      noticeId: WITHDRAWN,
      receivedAt: '2026-12-03T08:00:01Z',
      withdrawn: { ...record, withdrawnAt: '2026-12-03T09:00:02Z' },
    },
    // The node's copy of the record says another reason than the bus signed: what is printed is the bus's.
    {
      deliverySeq: 3,
      receivedAt: '2026-12-03T09:00:02Z',
      tombstone: { ...record, reason: 'edited by the node' },
      signedView: b64(signedTombstone),
    },
  ];
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ views: feed })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('accord inbox --node with withdrawals', () => {
  test('with the bus key, a tombstone is printed as the bus signed it, and what a withdrawal left as the node says', async () => {
    const run = await runCli('inbox', '--node', url, '--token', 'acn_test', '--bus-public-key', busKeyFile, '--json');
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      views: unknown[];
      withdrawn: { noticeId: string }[];
      tombstones: { tombstone: { reason: string } }[];
    };
    expect(doc.views).toHaveLength(1);
    expect(doc.withdrawn.map((w) => w.noticeId)).toEqual([WITHDRAWN]);
    expect(doc.tombstones.map((t) => t.tombstone.reason)).toEqual(['Ordered by the court.']);
  });

  test('in lines: the withdrawal, its code and reason, and the notices it names', async () => {
    const run = await runCli('inbox', '--node', url, '--token', 'acn_test', '--bus-public-key', busKeyFile);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`WITHDRAWN by it-police (LEGAL_ORDER): Ordered by the court. — notices ${WITHDRAWN}`);
    expect(run.stdout).toContain(`notice ${WITHDRAWN}  WITHDRAWN  (delivery #2)`);
    expect(run.stderr).toContain('1 withdrawn, 1 tombstone(s)');
  });

  test('a tombstone whose bytes the bus did not sign is set aside: exit 3', async () => {
    const saved = feed;
    feed = [...saved.slice(0, 2), { ...(saved[2] as object), signedView: b64(Buffer.from('not a view')) }];
    try {
      const run = await runCli('inbox', '--node', url, '--token', 'acn_test', '--bus-public-key', busKeyFile, '--json');
      expect(run.status).toBe(3);
      expect(run.stderr).toContain('view #3 set aside');
      expect((JSON.parse(run.stdout) as { tombstones: unknown[] }).tombstones).toEqual([]);
    } finally {
      feed = saved;
    }
  });
});
