import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { consumers, inboxConsumerConfig, nodeConsumerConfig, streams, subjects } from '../../libs/bus/index.js';
import {
  askDirectory,
  askPreview,
  awaitDecision,
  publishSubmission,
  readStackFile,
  sendReceipt,
  signNotice,
} from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { identityStore, credsFileOf } from '../../libs/stack/index.js';
import { issueNodeAccessIn, removeAgencyIn, rotateAgencyCredentialsIn } from '../../libs/context/index.js';
import {
  expectConnectRefused,
  expectPublishAllowed,
  expectPublishRefused,
  expectSubscribeRefused,
  isPermissionViolation,
} from '../harness/refusals.js';
import { runCli } from '../harness/run-cli.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';

const A = 'it-police';
const B = 'ly-coastguard';

let bus: TestBus;
let services: TestServices;
let italy: TestAgency;
const open: NatsConnection[] = [];

async function as(identity: Parameters<TestBus['connectAs']>[0], creds?: string): Promise<NatsConnection> {
  const nc = await bus.connectAs(identity, creds);
  open.push(nc);
  return nc;
}

const nodeOf = (agency: string) => as({ kind: 'node', agency });

/** Takes everything a durable consumer holds now, acknowledging each; the notice ids, in order. */
async function takeAll(nc: NatsConnection, consumer: string): Promise<string[]> {
  const pull = await jetstream(nc).consumers.get(streams.deliveries, consumer);
  const ids: string[] = [];
  const take = async (msg: JsMsg) => {
    ids.push(v1.DeliveredView.decode(v1.SignedView.decode(msg.data).view).core?.noticeId ?? '');
    expect(await msg.ackAck()).toBe(true);
  };
  for (let pending = (await pull.info()).num_pending; pending > 0;) {
    const batch = await pull.fetch({ max_messages: 100, expires: 3000 });
    let count = 0;
    for await (const msg of batch) {
      count += 1;
      pending = msg.info.pending;
      await take(msg);
    }
    if (count === 0) break;
  }
  return ids;
}

/** Publishes a notice of A through A's node credential and waits for ingest's decision, asked with it too. */
async function publishThroughNode(nc: NatsConnection): Promise<string> {
  const notice = sampleNotice(A, { tlp: v1.Tlp.GREEN });
  const noticeId = notice.noticeId ?? '';
  const { seq } = await publishSubmission(jetstream(nc), A, noticeId, await signNotice(notice, italy.key));
  expect((await awaitDecision(nc, A, seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  return noticeId;
}

beforeAll(async () => {
  bus = await startTestBus();
  italy = await registerAgency(bus, { id: A, country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: B, country: 'LY', role: 'coastguard', groups: ['med'] });
  await issueNodeAccessIn(bus.dir, A);
  await issueNodeAccessIn(bus.dir, B);
  services = await startTestServices(bus);
});

afterAll(async () => {
  for (const nc of open) await nc.close().catch(() => undefined);
  await services?.stop();
  await bus?.dispose();
});

describe('issuing node access', () => {
  test("the node's credential is DIR/agencies/ID/node.creds, mode 0600, named in stack.json", () => {
    const seedFile = join(bus.dir, 'agencies', A, 'node.creds');
    expect(credsFileOf(bus.layout, { kind: 'node', agency: A })).toBe(seedFile);
    expect(statSync(seedFile).mode & 0o777).toBe(0o600);
    expect(readStackFile(bus.dir).agencies[A]?.nodeCreds).toBe(seedFile);
  });

  test('issuing again keeps the same seed; --renew replaces it and the old one is refused', async () => {
    const seedFile = credsFileOf(bus.layout, { kind: 'node', agency: B });
    const before = readFileSync(seedFile, 'utf8');
    expect(await issueNodeAccessIn(bus.dir, B)).toEqual({ credentials: seedFile, issued: false });
    expect(readFileSync(seedFile, 'utf8')).toBe(before);

    expect(await issueNodeAccessIn(bus.dir, B, { renew: true })).toEqual({ credentials: seedFile, issued: true });
    expect(readFileSync(seedFile, 'utf8')).not.toBe(before);
    const stale = join(bus.dir, 'stale-node.nk');
    writeFileSync(stale, before, { mode: 0o600 });
    expect(await expectConnectRefused(bus.connectAs({ kind: 'node', agency: B }, stale))).toMatch(/Authorization Violation/);
    expect((await nodeOf(B)).isClosed()).toBe(false);
  });

  test('an agency that is not registered gets none (E_NOT_FOUND)', async () => {
    await expect(issueNodeAccessIn(bus.dir, 'zz-nobody')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(identityStore(bus.layout).find({ kind: 'node', agency: 'zz-nobody' })).toBeUndefined();
  });

  test("the node's consumer is the liaisons' inbox consumer under a name of its own", async () => {
    const { durable_name: nodeName, ...nodeConfig } = nodeConsumerConfig(B, bus.settings);
    const { durable_name: inboxName, ...inboxConfig } = inboxConsumerConfig(B, bus.settings);
    expect(nodeConfig).toEqual(inboxConfig);
    expect([nodeName, inboxName]).toEqual([consumers.node(B), consumers.inbox(B)]);
    const info = await bus.jsm.consumers.info(streams.deliveries, consumers.node(B));
    expect(info.config).toMatchObject({ ...nodeConfig, durable_name: consumers.node(B), filter_subject: subjects.deliver(B) });
  });

  test('`accord agency node-access` prints the credential and what to hand over with it', async () => {
    const run = await runCli('agency', 'node-access', A, '--dir', bus.dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const stack = readStackFile(bus.dir);
    expect(run.stdout).toContain(`kept the node credential of ${A}: ${credsFileOf(bus.layout, { kind: 'node', agency: A })}`);
    expect(run.stdout).toContain(stack.caFile ?? 'no CA');
    expect(run.stdout).toContain(stack.busPublicKey);
    const unknown = await runCli('agency', 'node-access', 'zz-nobody', '--dir', bus.dir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('E_NOT_FOUND');
  });
});

describe("a node does its agency's work with its own credential", () => {
  test('it publishes its notices and learns the decisions', async () => {
    await publishThroughNode(await nodeOf(A));
  });

  test("the liaisons' inbox and the node's consumer each get every view", async () => {
    const node = await nodeOf(A);
    const published = [await publishThroughNode(node), await publishThroughNode(node), await publishThroughNode(node)];
    const byNode = await takeAll(await nodeOf(B), consumers.node(B));
    const byLiaisons = await takeAll(await as({ kind: 'liaison', agency: B }), consumers.inbox(B));
    for (const noticeId of published) {
      expect(byNode).toContain(noticeId);
      expect(byLiaisons).toContain(noticeId);
    }
    expect(new Set(byNode)).toEqual(new Set(byLiaisons));
  });

  test("it sends read receipts, reads originators' keys and asks to track its notices", async () => {
    const node = await nodeOf(B);
    const noticeId = await publishThroughNode(await nodeOf(A));
    await sendReceipt(jetstream(node), B, noticeId, 'Lt. Omar');
    const jsm = await jetstreamManager(node, { checkAPI: false });
    const stored = await jsm.direct.getMessage('KV_accord-keys', { last_by_subj: `$KV.accord-keys.${italy.key.kid}` });
    expect(stored?.json<{ agency: string }>().agency).toBe(A);
    await expectPublishAllowed(node, subjects.track(B));
  });
});

describe("a node previews its agency's drafts", () => {
  test('routing explains its own draft under the running policy, nothing sent', async () => {
    const preview = await askPreview(await nodeOf(A), A, sampleNotice(A, { addressees: [B] }), 10_000);
    expect(preview.error).toBeNull();
    expect(preview.policyVersion).not.toBe('');
    expect(preview.agencies.find((a) => a.agency === B)).toMatchObject({ delivered: true, tlp: 'addressee' });
    expect(preview.agencies.map((a) => a.agency)).not.toContain(A);
  });

  test("routing will not explain a draft in another agency's name asked on the node's own subject", async () => {
    const preview = await askPreview(await nodeOf(A), A, sampleNotice(B), 10_000);
    expect(preview.error?.code).toBe('E_SUBJECT_MISMATCH');
    expect(preview.agencies).toEqual([]);
  });

  test('it reads the agency directory: ids, countries and roles', async () => {
    const directory = await askDirectory(await nodeOf(A), A, 10_000);
    expect(directory.map((a) => a.id)).toEqual(expect.arrayContaining([A, B]));
    expect(directory.find((a) => a.id === B)).toMatchObject({ country: 'LY', role: 'coastguard' });
  });

  test("neither B's subject, nor A's adapter or liaisons, may ask for a preview", async () => {
    await expectPublishRefused(await nodeOf(A), subjects.previewRequest(B, 'explain'));
    await expectPublishRefused(await as({ kind: 'adapter', agency: A }), subjects.previewRequest(A, 'explain'));
    await expectPublishRefused(await as({ kind: 'liaison', agency: A }), subjects.previewRequest(A, 'directory'));
  });
});

describe("the broker refuses a node what is not its agency's", () => {
  test("A's node cannot take B's deliveries through B's node consumer", async () => {
    const nodeA = await nodeOf(A);
    const refusal = await jetstream(nodeA)
      .consumers.get(streams.deliveries, consumers.node(B))
      .catch((e: unknown) => e);
    expect(isPermissionViolation(refusal)).toBe(true);
    await expectPublishRefused(nodeA, `$JS.API.CONSUMER.MSG.NEXT.${streams.deliveries}.${consumers.node(B)}`);
  });

  test("A's node cannot take B's deliveries through B's inbox consumer", async () => {
    const nodeA = await nodeOf(A);
    const refusal = await jetstream(nodeA)
      .consumers.get(streams.deliveries, consumers.inbox(B))
      .catch((e: unknown) => e);
    expect(isPermissionViolation(refusal)).toBe(true);
    await expectPublishRefused(nodeA, `$JS.API.CONSUMER.MSG.NEXT.${streams.deliveries}.${consumers.inbox(B)}`);
  });

  test("A's node cannot publish B's submissions nor ask about B's decisions", async () => {
    const nodeA = await nodeOf(A);
    await expectPublishRefused(nodeA, subjects.ingest(B));
    await expectPublishRefused(nodeA, subjects.adapterRequest(B, 'decision'));
  });

  test("A's node cannot send B's receipts nor track B's notices", async () => {
    const nodeA = await nodeOf(A);
    await expectPublishRefused(nodeA, subjects.receiptEvents(B));
    await expectPublishRefused(nodeA, subjects.track(B));
  });

  test('a node creates no consumer, even on its own deliveries, and deletes none', async () => {
    const nodeA = await nodeOf(A);
    const jsm = await jetstreamManager(nodeA, { checkAPI: false });
    const refusal = await jsm.consumers
      .add(streams.deliveries, { name: 'mine', filter_subject: subjects.deliver(A) })
      .catch((e: unknown) => e);
    expect(isPermissionViolation(refusal)).toBe(true);
    await expectPublishRefused(nodeA, `$JS.API.CONSUMER.DELETE.${streams.deliveries}.${consumers.node(A)}`);
  });

  test('a node reads no delivery but through its consumer, and no checkpoints', async () => {
    const nodeA = await nodeOf(A);
    await expectSubscribeRefused(nodeA, subjects.deliver(A));
    await expectPublishRefused(nodeA, `$JS.API.DIRECT.GET.${streams.deliveries}.${subjects.deliver(A)}`);
    await expectPublishRefused(nodeA, `$JS.API.STREAM.MSG.GET.${streams.deliveries}`, JSON.stringify({ seq: 1 }));
    await expectPublishRefused(nodeA, `$JS.API.CONSUMER.MSG.NEXT.${streams.checkpoints}.${consumers.checkpoints(A)}`);
  });

  test("a node cannot listen on its agency's other inboxes, nor on B's node's", async () => {
    await expectSubscribeRefused(await nodeOf(A), `_INBOX_${A}.>`);
    await expectSubscribeRefused(await nodeOf(A), `_INBOX_${A}_adapter.>`);
    await expectSubscribeRefused(await nodeOf(A), `_INBOX_${B}_node.>`);
  });
});

describe("the node's credential follows the agency's", () => {
  test('rotate-creds renews the seed in place: the old one is refused, the file works', async () => {
    await registerAgency(bus, { id: 'gr-police', country: 'GR', role: 'police', groups: ['med'] });
    const { credentials } = await issueNodeAccessIn(bus.dir, 'gr-police');
    const oldSeed = readFileSync(credentials, 'utf8');
    const connected = await nodeOf('gr-police');
    const rotated = await rotateAgencyCredentialsIn(bus.dir, 'gr-police');
    expect(rotated.nodeCreds).toBe(credentials);
    expect(readFileSync(credentials, 'utf8')).not.toBe(oldSeed);
    await expect(Promise.race([connected.closed(), new Promise((r) => setTimeout(() => r('still open'), 5000))])).resolves.not.toBe(
      'still open',
    );
    const stale = join(bus.dir, 'stale-gr-node.nk');
    writeFileSync(stale, oldSeed, { mode: 0o600 });
    expect(await expectConnectRefused(bus.connectAs({ kind: 'node', agency: 'gr-police' }, stale))).toMatch(/Authorization Violation/);
    const fresh = await bus.connectAs({ kind: 'node', agency: 'gr-police' }, credentials);
    open.push(fresh);
    const consumer = await jetstream(fresh).consumers.get(streams.deliveries, consumers.node('gr-police'));
    expect((await consumer.info()).name).toBe(consumers.node('gr-police'));
  });

  test('rotate-creds of an agency without a node issues it none', async () => {
    await registerAgency(bus, { id: 'mt-police', country: 'MT', role: 'police' });
    const rotated = await rotateAgencyCredentialsIn(bus.dir, 'mt-police');
    expect(rotated.nodeCreds).toBeUndefined();
    expect(identityStore(bus.layout).find({ kind: 'node', agency: 'mt-police' })).toBeUndefined();
  });

  test("removing the agency deletes its node's consumer and refuses its credential", async () => {
    await registerAgency(bus, { id: 'xx-temporary', country: 'MT', role: 'police' });
    const { credentials } = await issueNodeAccessIn(bus.dir, 'xx-temporary');
    const seed = readFileSync(credentials, 'utf8');
    await removeAgencyIn(bus.dir, 'xx-temporary');
    await expect(bus.jsm.consumers.info(streams.deliveries, consumers.node('xx-temporary'))).rejects.toThrow(/consumer not found/i);
    expect(identityStore(bus.layout).find({ kind: 'node', agency: 'xx-temporary' })).toBeUndefined();
    const kept = join(bus.dir, 'removed-node.nk');
    writeFileSync(kept, seed, { mode: 0o600 });
    expect(await expectConnectRefused(bus.connectAs({ kind: 'node', agency: 'xx-temporary' }, kept))).toMatch(/Authorization Violation/);
  });
});
