import { connect as rawConnect } from 'node:net';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { encodeUser, fmtCreds } from '@nats-io/jwt';
import { createAccount, createUser } from '@nats-io/nkeys';
import { connect, credsAuthenticator, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { issueServiceCredentials, revocationsOf } from '../../libs/admin/index.js';
import { mintUser, readOnlineTrust, readTrustPublic } from '../../libs/auth/index.js';
import { APPEND_ONLY_STREAMS, consumers, streams, subjects, type Identity } from '../../libs/bus/index.js';
import {
  awaitDecision,
  listOwnQuarantine,
  publishSubmission,
  readAuditRecords,
  readStackFile,
  sendReceipt,
  signNotice,
} from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { addAgencyIn, removeAgencyIn, rotateAgencyCredentialsIn, withAdmin, type StoredIdentity } from '../../libs/context/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';
import { expectConnectRefused, expectPublishRefused, expectSubscribeRefused, isPermissionViolation } from '../harness/refusals.js';

let bus: TestBus;
let services: TestServices;
let italy: TestAgency;
const open: NatsConnection[] = [];

async function as(identity: Parameters<TestBus['connectAs']>[0], creds?: string): Promise<NatsConnection> {
  const nc = await bus.connectAs(identity, creds);
  open.push(nc);
  return nc;
}

const adapterA = () => as({ kind: 'adapter', agency: 'it-police' });
const liaisonB = () => as({ kind: 'liaison', agency: 'ly-coastguard' });
const auditor = () => as({ kind: 'auditor' });

beforeAll(async () => {
  bus = await startTestBus();
  italy = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  services = await startTestServices(bus);
  // One delivery for each agency, so there is something to steal.
  const notice = sampleNotice('it-police', { tlp: v1.Tlp.GREEN });
  const { seq } = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, italy.key));
  await awaitDecision(bus.nc, 'it-police', seq, 15_000);
});

afterAll(async () => {
  for (const nc of open) await nc.close().catch(() => undefined);
  await services?.stop();
  await bus?.dispose();
});

describe('the broker refuses what a role may not do', () => {
  test("an adapter cannot publish on another agency's ingest subject", async () => {
    await expectPublishRefused(await adapterA(), subjects.ingest('ly-coastguard'));
  });

  test('an adapter cannot inject a delivery', async () => {
    await expectPublishRefused(await adapterA(), subjects.deliver('ly-coastguard'));
  });

  test('an adapter cannot subscribe to deliveries', async () => {
    await expectSubscribeRefused(await adapterA(), subjects.deliverAll);
  });

  test("an adapter cannot ask about another agency's decisions", async () => {
    await expectPublishRefused(await adapterA(), subjects.adapterRequest('ly-coastguard', 'decision'));
  });

  test('an adapter cannot read the quarantine stream itself', async () => {
    await expectPublishRefused(await adapterA(), `$JS.API.CONSUMER.CREATE.${streams.quarantine}.x.accord.quarantine.ly-coastguard`);
  });

  test('an adapter cannot read stream info of the ingest stream', async () => {
    await expectPublishRefused(await adapterA(), `$JS.API.STREAM.INFO.${streams.ingest}`);
  });

  test("a liaison cannot subscribe to another agency's deliveries", async () => {
    await expectSubscribeRefused(await liaisonB(), subjects.deliver('it-police'));
  });

  test("a liaison cannot create a consumer on another agency's deliveries", async () => {
    const jsm = await jetstreamManager(await liaisonB(), { checkAPI: false });
    const refusal = await jsm.consumers
      .add(streams.deliveries, { name: 'steal', filter_subject: subjects.deliver('it-police') })
      .catch((e: unknown) => e);
    expect(isPermissionViolation(refusal)).toBe(true);
  });

  test('a liaison cannot fetch a delivery by sequence', async () => {
    await expectPublishRefused(await liaisonB(), `$JS.API.STREAM.MSG.GET.${streams.deliveries}`, JSON.stringify({ seq: 1 }));
  });

  test('a liaison cannot direct-get a delivery', async () => {
    await expectPublishRefused(await liaisonB(), `$JS.API.DIRECT.GET.${streams.deliveries}.${subjects.deliver('it-police')}`);
  });

  test('a liaison cannot read stream info of the deliveries', async () => {
    await expectPublishRefused(await liaisonB(), `$JS.API.STREAM.INFO.${streams.deliveries}`);
  });

  test("a liaison cannot open another agency's consumer", async () => {
    const refusal = await jetstream(await liaisonB())
      .consumers.get(streams.deliveries, consumers.inbox('it-police'))
      .catch((e: unknown) => e);
    expect(isPermissionViolation(refusal)).toBe(true);
  });

  test('a liaison cannot publish a receipt as another agency', async () => {
    await expectPublishRefused(await liaisonB(), subjects.receiptEvents('it-police'));
  });

  test('a liaison cannot delete its own consumer', async () => {
    await expectPublishRefused(await liaisonB(), `$JS.API.CONSUMER.DELETE.${streams.deliveries}.${consumers.inbox('ly-coastguard')}`);
  });

  test('a liaison cannot purge the deliveries', async () => {
    await expectPublishRefused(await liaisonB(), `$JS.API.STREAM.PURGE.${streams.deliveries}`);
  });

  test('a liaison cannot read the audit stream', async () => {
    await expectPublishRefused(await liaisonB(), `$JS.API.CONSUMER.CREATE.${streams.audit}.x`);
  });

  test('a liaison cannot read the ingest stream', async () => {
    await expectPublishRefused(await liaisonB(), `$JS.API.CONSUMER.CREATE.${streams.ingest}.x`);
  });

  test('a liaison cannot submit notices (only the adapter may)', async () => {
    await expectPublishRefused(await liaisonB(), subjects.ingest('ly-coastguard'));
  });

  test("a liaison cannot listen on another identity's inbox prefix", async () => {
    await expectSubscribeRefused(await liaisonB(), '_INBOX_it-police.>');
  });

  test('the auditor cannot publish into the audit stream', async () => {
    await expectPublishRefused(await auditor(), subjects.auditChain);
  });

  test('the auditor cannot delete the audit stream', async () => {
    await expectPublishRefused(await auditor(), `$JS.API.STREAM.DELETE.${streams.audit}`);
  });

  test('the auditor cannot read deliveries', async () => {
    await expectPublishRefused(await auditor(), `$JS.API.CONSUMER.CREATE.${streams.deliveries}.x`);
  });

  test("a liaison cannot take another agency's checkpoints", async () => {
    await expectPublishRefused(await liaisonB(), `$JS.API.CONSUMER.MSG.NEXT.${streams.checkpoints}.${consumers.checkpoints('it-police')}`);
  });

  test("a liaison cannot ask what became of another agency's notices", async () => {
    await expectPublishRefused(await liaisonB(), subjects.track('it-police'));
  });

  test('an adapter cannot track notices (only its liaisons may)', async () => {
    await expectPublishRefused(await adapterA(), subjects.track('it-police'));
  });

  for (const stream of [streams.audit, streams.checkpoints]) {
    for (const op of ['STREAM.DELETE', 'STREAM.UPDATE', 'STREAM.PURGE', 'STREAM.MSG.DELETE']) {
      test(`the operator cannot ${op} on ${stream} (only the offline admin credential may)`, async () => {
        await expectPublishRefused(await as({ kind: 'operator' }), `$JS.API.${op}.${stream}`);
      });
    }
  }

  test('the audit stream refuses deleting a record even to the admin (deny_delete)', async () => {
    const jsm = await jetstreamManager(await as({ kind: 'admin' }));
    await expect(jsm.streams.deleteMessage(streams.audit, 1)).rejects.toThrow();
    expect((await jsm.streams.info(streams.audit)).state.first_seq).toBe(1);
  });

  test('the routing service cannot deliver views itself (only redaction may)', async () => {
    const routing = await connect({
      servers: bus.stack.natsUrl,
      tls: { caFile: bus.stack.caFile ?? '' },
      authenticator: credsAuthenticator(readFileSync(bus.natsFor({ kind: 'service', service: 'routing' }).credsFile)),
      inboxPrefix: '_INBOX_accord_routing',
    });
    open.push(routing);
    await expectPublishRefused(routing, subjects.deliver('ly-coastguard'));
  });

  test('an anonymous client cannot connect', async () => {
    const why = await expectConnectRefused(
      connect({ servers: bus.stack.natsUrl, tls: { caFile: bus.stack.caFile ?? '' }, reconnect: false }),
    );
    expect(why).toMatch(/Authorization Violation/);
  });

  test('an unknown nkey cannot connect', async () => {
    const stranger = createUser();
    const why = await expectConnectRefused(
      connect({
        servers: bus.stack.natsUrl,
        tls: { caFile: bus.stack.caFile ?? '' },
        authenticator: nkeyAuthenticator(stranger.getSeed()),
        reconnect: false,
      }),
    );
    expect(why).toMatch(/Authorization Violation/);
  });

  test('a client without TLS is refused: the server answers plaintext with nothing and hangs up', async () => {
    const { info, answer, closedByServer } = await new Promise<{ info: string; answer: string; closedByServer: boolean }>(
      (resolve, reject) => {
        const socket = rawConnect(bus.nats.port, '127.0.0.1');
        let info = '';
        let answer = '';
        socket.on('data', (chunk) => {
          if (!info.includes('\r\n')) {
            info += chunk.toString();
            if (info.includes('\r\n')) socket.write('CONNECT {"verbose":false,"pedantic":false}\r\nPING\r\n');
          } else answer += chunk.toString();
        });
        const timer = setTimeout(() => {
          socket.destroy();
          resolve({ info, answer, closedByServer: false });
        }, 5000);
        socket.on('close', () => {
          clearTimeout(timer);
          resolve({ info, answer, closedByServer: true });
        });
        socket.on('error', reject);
      },
    );
    expect(info).toContain('"tls_required":true');
    expect(answer).toBe('');
    expect(closedByServer).toBe(true);
  });

  test('Redis refuses a client without the password', async () => {
    const redis = new Redis({
      path: bus.redis.socket,
      lazyConnect: true,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    await redis.connect();
    await expect(redis.get('accord:seen:x')).rejects.toThrow(/NOAUTH/);
    redis.disconnect();
  });
});

/** Connects with a user JWT and its key, as a client holding that .creds file would. */
function connectWithCreds(creds: Uint8Array): Promise<NatsConnection> {
  return connect({
    servers: bus.stack.natsUrl,
    tls: { caFile: bus.stack.caFile ?? '' },
    authenticator: credsAuthenticator(creds),
    reconnect: false,
  });
}

/** A new user of the identity, minted with the stack's online signing key for its role, connected. */
async function minted(identity: Identity): Promise<NatsConnection> {
  const user = await mintUser(readOnlineTrust(bus.layout.trust), identity);
  const nc = await connectWithCreds(new TextEncoder().encode(user.creds));
  open.push(nc);
  return nc;
}

describe('no user minted with an online signing key can rewrite the audit record', () => {
  const roles: Identity[] = [
    { kind: 'operator' },
    { kind: 'auditor' },
    { kind: 'service', service: 'audit' },
    { kind: 'service', service: 'redaction' },
    { kind: 'adapter', agency: 'it-police' },
  ];
  for (const identity of roles) {
    const name = identity.kind === 'service' ? `service ${identity.service}` : identity.kind;
    test(`a new ${name} user cannot delete, purge or update the audit streams`, async () => {
      const jsm = await jetstreamManager(await minted(identity), { checkAPI: false });
      for (const stream of APPEND_ONLY_STREAMS) {
        const before = await bus.jsm.streams.info(stream);
        await expect(jsm.streams.purge(stream)).rejects.toSatisfy(isPermissionViolation);
        await expect(jsm.streams.update(stream, { ...before.config, deny_delete: false, deny_purge: false })).rejects.toSatisfy(
          isPermissionViolation,
        );
        await expect(jsm.streams.delete(stream)).rejects.toSatisfy(isPermissionViolation);
        const after = await bus.jsm.streams.info(stream);
        expect(after.state.messages).toBe(before.state.messages);
        expect(after.config.deny_delete).toBe(true);
      }
    });
  }

  test("a user that claims permissions of its own beside its scoped key's template is refused", async () => {
    const trust = readOnlineTrust(bus.layout.trust);
    const signer = trust.scopes.get('operator');
    if (!signer) throw new Error('no operator scope');
    const user = createUser();
    const greedy = { pub: { allow: ['>'], deny: [] }, sub: { allow: ['>'], deny: [] } };
    const jwt = await encodeUser('greedy', user, trust.public.account, greedy, { signer });
    const why = await expectConnectRefused(connectWithCreds(fmtCreds(jwt, user)));
    expect(why).toMatch(/Authorization Violation/);
  });

  test('a user signed by a key the account does not list cannot connect', async () => {
    const trust = readOnlineTrust(bus.layout.trust);
    const user = createUser();
    const jwt = await encodeUser('forged', user, trust.public.account, {}, { signer: createAccount(), scopedUser: true });
    const why = await expectConnectRefused(connectWithCreds(fmtCreds(jwt, user)));
    expect(why).toMatch(/Authorization Violation/);
  });
});

describe('credentials are revoked without restarting the broker', () => {
  test('after rotate-creds the old credential is refused and its open connection closed', async () => {
    const oldCreds = bus.natsFor({ kind: 'liaison', agency: 'ly-coastguard' }).credsFile;
    const oldSeed = readFileSync(oldCreds);
    const connected = await liaisonB();
    await rotateAgencyCredentialsIn(bus.dir, 'ly-coastguard');
    await expect(Promise.race([connected.closed(), new Promise((r) => setTimeout(() => r('still open'), 5000))])).resolves.not.toBe(
      'still open',
    );
    const stale = `${bus.dir}/stale-liaison.nk`;
    writeFileSync(stale, oldSeed, { mode: 0o600 });
    const why = await expectConnectRefused(bus.connectAs({ kind: 'liaison', agency: 'ly-coastguard' }, stale));
    expect(why).toMatch(/Authorization Violation/);
    const fresh = await liaisonB();
    expect(fresh.isClosed()).toBe(false);
  });

  test("a removed agency's credentials are refused", async () => {
    await registerAgency(bus, { id: 'xx-temporary', country: 'MT', role: 'police' });
    const creds = bus.natsFor({ kind: 'adapter', agency: 'xx-temporary' }).credsFile;
    const seed = readFileSync(creds);
    await removeAgencyIn(bus.dir, 'xx-temporary');
    const kept = `${bus.dir}/removed-adapter.nk`;
    writeFileSync(kept, seed, { mode: 0o600 });
    const why = await expectConnectRefused(bus.connectAs({ kind: 'adapter', agency: 'xx-temporary' }, kept));
    expect(why).toMatch(/Authorization Violation/);
  });
});

describe('a removal holds against keys and folders left behind', () => {
  test("a user minted with a removed agency's own scoped key is refused", async () => {
    await registerAgency(bus, { id: 'xx-gone', country: 'MT', role: 'police' });
    const kept = new Map(readOnlineTrust(bus.layout.trust).scopes);
    await removeAgencyIn(bus.dir, 'xx-gone');
    const user = createUser();
    const signer = kept.get('adapter.xx-gone');
    if (!signer) throw new Error('the agency had no scoped key');
    const jwt = await encodeUser('adapter.xx-gone', user, readTrustPublic(bus.layout.trust).account, {}, { signer, scopedUser: true });
    expect(await expectConnectRefused(connectWithCreds(fmtCreds(jwt, user)))).toMatch(/Authorization Violation/);
  });

  test('a stale copy of the administration folder does not bring a removed agency back when it pushes', async () => {
    await registerAgency(bus, { id: 'xx-stale', country: 'MT', role: 'police' });
    const copy = `${bus.dir}-copy`;
    cpSync(bus.dir, copy, { recursive: true, filter: (src) => !src.includes('/nats') && !src.includes('/redis') });
    const creds = readFileSync(bus.natsFor({ kind: 'adapter', agency: 'xx-stale' }).credsFile);
    await removeAgencyIn(bus.dir, 'xx-stale');
    await addAgencyIn(copy, { id: 'xx-later', country: 'MT', role: 'police', groups: [] });
    const kept = `${bus.dir}/stale-folder-adapter.creds`;
    writeFileSync(kept, creds, { mode: 0o600 });
    expect(await expectConnectRefused(bus.connectAs({ kind: 'adapter', agency: 'xx-stale' }, kept))).toMatch(/Authorization Violation/);
    const later = await bus.connectAs({ kind: 'adapter', agency: 'xx-later' }, readStackFile(copy).agencies['xx-later']?.adapterCreds);
    await later.close();
    rmSync(copy, { recursive: true, force: true });
  });

  test("a service's rotated credential is refused, and the account the folder pushed keeps the revocation", async () => {
    const file = bus.natsFor({ kind: 'service', service: 'audit' }).credsFile;
    const old = readFileSync(file);
    const before = (JSON.parse(readFileSync(bus.layout.identities, 'utf8')) as StoredIdentity[]).find(
      (s) => s.identity.kind === 'service' && s.identity.service === 'audit',
    );
    await withAdmin(bus.dir, (context) => issueServiceCredentials(context, 'audit', { rotate: true }));
    const kept = `${bus.dir}/old-audit.creds`;
    writeFileSync(kept, old, { mode: 0o600 });
    expect(await expectConnectRefused(bus.connectAs({ kind: 'service', service: 'audit' }, kept))).toMatch(/Authorization Violation/);
    expect(Object.keys(revocationsOf(readFileSync(`${bus.layout.trust}/account.jwt`, 'utf8')))).toContain(before?.publicKey);
  });
});

describe('each role can still do its own work', () => {
  test('an adapter publishes its notice and learns the decision on it', async () => {
    const nc = await adapterA();
    const notice = sampleNotice('it-police', { tlp: v1.Tlp.GREEN });
    const { seq } = await publishSubmission(jetstream(nc), 'it-police', notice.noticeId ?? '', await signNotice(notice, italy.key));
    expect((await awaitDecision(nc, 'it-police', seq, 15_000)).status).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  });

  test("an adapter reads its own quarantine reasons, and no one else's", async () => {
    const nc = await adapterA();
    const bad = sampleNotice('it-police', { addressees: ['zz-nobody'] });
    const { seq } = await publishSubmission(jetstream(nc), 'it-police', bad.noticeId ?? '', await signNotice(bad, italy.key));
    await awaitDecision(nc, 'it-police', seq, 15_000);
    const own = await listOwnQuarantine(nc, 'it-police', {});
    expect(own.map((r) => r.code)).toContain('E_UNKNOWN_ADDRESSEE');
    expect(own.every((r) => r.agency === 'it-police' && r.submission.length === 0)).toBe(true);
    const other = await as({ kind: 'adapter', agency: 'ly-coastguard' });
    expect(await listOwnQuarantine(other, 'ly-coastguard', {})).toEqual([]);
  });

  test('a liaison reads, acknowledges and receipts its own deliveries', async () => {
    const nc = await liaisonB();
    const inbox = await jetstream(nc).consumers.get(streams.deliveries, consumers.inbox('ly-coastguard'));
    const batch = await inbox.fetch({ max_messages: 10, expires: 2000 });
    let taken = 0;
    for await (const msg of batch) {
      expect(await msg.ackAck()).toBe(true);
      const view = v1.DeliveredView.decode(v1.SignedView.decode(msg.data).view);
      await sendReceipt(jetstream(nc), 'ly-coastguard', view.core?.noticeId ?? '', 'Lt. Omar');
      taken += 1;
    }
    expect(taken).toBeGreaterThan(0);
  });

  test("a liaison reads an originator's public key from the registry", async () => {
    const jsm = await jetstreamManager(await liaisonB(), { checkAPI: false });
    const stored = await jsm.direct.getMessage('KV_accord-keys', { last_by_subj: `$KV.accord-keys.${italy.key.kid}` });
    expect(stored?.json<{ agency: string }>().agency).toBe('it-police');
  });

  test('the auditor replays the audit stream', async () => {
    const nc = await auditor();
    let count = 0;
    await readAuditRecords(jetstream(nc), await jetstreamManager(nc, { checkAPI: false }), () => void (count += 1));
    expect(count).toBeGreaterThan(0);
  });
});
