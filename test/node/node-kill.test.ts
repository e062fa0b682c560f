/**
 * The node killed (kill -9) while 1,000 views arrive, at the two worst moments (a view
 * verified but not yet committed; a view committed but not yet acknowledged) and brought
 * back each time: every view in the database exactly once, none lost, so none was
 * acknowledged before it was committed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { consumers, streams, subjects } from '../../libs/bus/index.js';
import { connectAs, publishSubmission, readStackFile, readStream, signNotice } from '../../libs/client/index.js';
import { nodeLayout } from '../../libs/node/index.js';
import { signingKeyFromJwk } from '../../libs/signing/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { startNodeProcess, type NodeProcess } from '../harness/node-process.js';
import { cliOk as ok, runCliSync } from '../harness/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-node-kill-'));
const ISSUER = 'gr-coastguard';
const RECIPIENT = 'tn-police';
const NOTICES = 1000;
const nodeDir = join(dir, 'node');
let node: NodeProcess | undefined;

/** What the node has committed: rows, and distinct deliveries and notices among them. */
function stored(): { rows: number; deliveries: number; notices: number; seqs: number[] } {
  const db = new Database(nodeLayout(nodeDir).database, { readonly: true, fileMustExist: true });
  try {
    const counts = db
      .prepare('SELECT count(*) AS rows, count(DISTINCT delivery_seq) AS deliveries, count(DISTINCT notice_id) AS notices FROM views')
      .get() as {
      rows: number;
      deliveries: number;
      notices: number;
    };
    const seqs = (db.prepare('SELECT delivery_seq AS seq FROM views ORDER BY delivery_seq').all() as { seq: number }[]).map((r) => r.seq);
    return { ...counts, seqs };
  } finally {
    db.close();
  }
}

function checkpointsKept(): number {
  const db = new Database(nodeLayout(nodeDir).database, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM checkpoints').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function until(what: string, timeoutMs: number, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function publish(count: number): Promise<void> {
  const stack = readStackFile(dir);
  const key = await signingKeyFromJwk(JSON.parse(readFileSync(stack.agencies[ISSUER]?.signingKey ?? '', 'utf8')), ISSUER);
  const nc = await connectAs(stack, { kind: 'adapter', agency: ISSUER });
  try {
    const js = jetstream(nc);
    for (let i = 0; i < count; i += 1) {
      const notice = sampleNotice(ISSUER, { addressees: [RECIPIENT], route: { origin: ['LY'], transit: ['TN'], destination: ['GR'] } });
      await publishSubmission(js, ISSUER, notice.noticeId ?? '', await signNotice(notice, key));
    }
  } finally {
    await nc.close();
  }
}

/** Waits for the node to die by its failpoint, then starts it again. */
async function restartAfterFailpoint(): Promise<void> {
  const dying = node;
  if (dying)
    await new Promise<void>((resolve) =>
      dying.child.exitCode !== null || dying.child.signalCode !== null ? resolve() : dying.child.once('exit', () => resolve()),
    );
  expect(dying?.child.signalCode, dying?.output()).toBe('SIGKILL');
}

beforeAll(async () => {
  ok('stack', 'up', '--dir', dir);
  ok('agency', 'add', ISSUER, '--country', 'GR', '--role', 'coastguard', '--groups', 'med', '--dir', dir);
  ok('agency', 'add', RECIPIENT, '--country', 'TN', '--role', 'police', '--groups', 'med', '--dir', dir);
  ok('node', 'init', '--agency', RECIPIENT, '--dir', nodeDir, '--stack', dir);
}, 180_000);

afterAll(async () => {
  await node?.stop();
  runCliSync('stack', 'down', '--dir', dir);
  rmSync(dir, { recursive: true, force: true });
});

test(`kill -9 between verifying and committing, and between committing and acknowledging, while ${NOTICES} views arrive: each view stored exactly once`, async () => {
  // Killed after committing its 300th view and before acknowledging it.
  node = await startNodeProcess(nodeDir, { ACCORD_FAILPOINTS: 'node-after-commit:300:kill' });
  const sending = publish(NOTICES);
  await restartAfterFailpoint();
  const afterFirst = stored().rows;
  // Killed holding its 150th view of this run verified, not yet committed.
  node = await startNodeProcess(nodeDir, { ACCORD_FAILPOINTS: 'node-before-commit:150:kill' });
  await restartAfterFailpoint();
  const afterSecond = stored().rows;
  node = await startNodeProcess(nodeDir);
  await sending;

  const stack = readStackFile(dir);
  const operator = await connectAs(stack, { kind: 'operator' });
  try {
    const jsm = await jetstreamManager(operator);
    await until(`${NOTICES} views stored and acknowledged`, 180_000, async () => {
      const info = await jsm.consumers.info(streams.deliveries, consumers.node(RECIPIENT));
      return stored().rows >= NOTICES && info.num_pending === 0 && info.num_ack_pending === 0;
    });
    const delivered: number[] = [];
    await readStream(
      jetstream(operator),
      jsm,
      streams.deliveries,
      { filterSubject: subjects.deliver(RECIPIENT) },
      (msg) => void delivered.push(msg.seq),
    );
    const now = stored();
    console.info(
      `node killed twice while ${NOTICES} views arrived: ${afterFirst} stored at the first kill, ${afterSecond} at the second; ` +
        `${now.rows} rows, ${now.deliveries} distinct deliveries, ${now.notices} distinct notices, ${delivered.length} deliveries in the stream`,
    );
    // The failpoints count every view taken, a redelivered one too: at most that many new rows.
    expect(afterFirst).toBeGreaterThan(0);
    expect(afterFirst).toBeLessThanOrEqual(300);
    expect(afterSecond).toBeGreaterThan(afterFirst);
    expect(afterSecond).toBeLessThan(NOTICES);
    expect(now.rows).toBe(NOTICES);
    expect(now.deliveries).toBe(NOTICES);
    expect(now.notices).toBe(NOTICES);
    expect(now.seqs).toEqual([...delivered].sort((a, b) => a - b));
    // Thousands of audit records later, the audit service has signed checkpoints, and the node keeps them.
    await until('an audit checkpoint kept by the node', 120_000, () => checkpointsKept() > 0);
  } finally {
    await operator.close();
  }
}, 600_000);
