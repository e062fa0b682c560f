import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readTrustPublic } from '../../libs/auth/index.js';
import { streams, type Identity } from '../../libs/bus/index.js';
import { connectAs, readStackFile, writeStackFile } from '../../libs/client/index.js';
import type { StoredIdentity } from '../../libs/context/index.js';
import { prepareStack, stackLayout, type PreparedStack, type StackLayout } from '../../libs/stack/index.js';
import { runCli } from '../harness/run-cli.js';
import { busWithSealedChain } from '../harness/sealed-chain.js';

/**
 * What a stack made before JWT accounts left on disk, made from a stack of this version
 * with its servers stopped: streams in the global account's store, each identity a bare
 * nkey seed file (`*.nk`) named in identities.json and stack.json, an offline admin of
 * its own, no trust chain.
 */
function makeLegacy(layout: StackLayout): void {
  const account = readTrustPublic(layout.trust).account;
  const store = join(layout.nats, 'jetstream', 'jetstream');
  renameSync(join(store, account), join(store, '$G'));
  const current = JSON.parse(readFileSync(layout.identities, 'utf8')) as StoredIdentity[];
  const seedOf = (creds: string) => /^SU[A-Z2-7]+$/m.exec(creds)?.[0] ?? '';
  const legacy = current.map((s) => {
    const seedFile = s.credsFile.replace(/\.creds$/, '.nk');
    writeFileSync(seedFile, `${seedOf(readFileSync(s.credsFile, 'utf8'))}\n`, { mode: 0o600 });
    rmSync(s.credsFile);
    return { identity: s.identity, publicKey: s.publicKey, seedFile };
  });
  const admin = createUser();
  const adminSeed = join(layout.secrets, 'admin.nk');
  writeFileSync(adminSeed, `${new TextDecoder().decode(admin.getSeed())}\n`, { mode: 0o600 });
  legacy.push({ identity: { kind: 'admin' }, publicKey: admin.getPublicKey(), seedFile: adminSeed });
  writeFileSync(layout.identities, JSON.stringify(legacy, null, 2));
  const stack = readStackFile(layout.dir);
  const toNk = (path: string | undefined): string => (path ?? '').replace(/\.creds$/, '.nk');
  for (const entry of Object.values(stack.agencies)) {
    entry.adapterCreds = toNk(entry.adapterCreds);
    entry.liaisonCreds = toNk(entry.liaisonCreds);
  }
  writeStackFile(layout.dir, {
    ...stack,
    operatorCreds: toNk(stack.operatorCreds),
    auditorCreds: toNk(stack.auditorCreds),
    adminCreds: adminSeed,
  });
  rmSync(layout.trust, { recursive: true });
  rmSync(layout.deployment);
  rmSync(join(layout.nats, 'resolver'), { recursive: true });
}

let dir: string;
let layout: StackLayout;
let kept: string;
let before: { audit: number; deliveries: number };
let upgraded: PreparedStack;

beforeAll(async () => {
  const bus = await busWithSealedChain(2, 4);
  dir = bus.dir;
  layout = stackLayout(dir);
  const inbox = await runCli('inbox', '--as', 'ly-coastguard', '--dir', dir);
  expect(inbox.status, inbox.stderr).toBe(0);
  const checkpoints = join(layout.agencyStore('ly-coastguard'), 'checkpoints');
  kept = join(dir, 'kept-checkpoint');
  writeFileSync(kept, readFileSync(join(checkpoints, readdirSync(checkpoints).sort().at(-1) ?? '')));
  before = {
    audit: (await bus.jsm.streams.info(streams.audit)).state.messages,
    deliveries: (await bus.jsm.streams.info(streams.deliveries)).state.messages,
  };
  await bus.nc.close();
  await bus.redis.stop();
  for (const node of bus.natsNodes) await node.stop();
  makeLegacy(layout);
  upgraded = await prepareStack(dir, { detached: false });
}, 120_000);

afterAll(async () => {
  await upgraded?.redis.stop();
  for (const node of upgraded?.natsNodes ?? []) await node.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a stack made before JWT accounts is upgraded in place by starting it', () => {
  test('every record of every stream is kept, now in the Accord account', async () => {
    const nc = await connectAs(readStackFile(dir), { kind: 'operator' });
    try {
      const jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info(streams.audit)).state.messages).toBe(before.audit);
      expect((await jsm.streams.info(streams.deliveries)).state.messages).toBe(before.deliveries);
    } finally {
      await nc.close();
    }
    expect(existsSync(join(layout.nats, 'jetstream', 'jetstream', '$G'))).toBe(false);
  });

  test('its audit chain verifies against a checkpoint an agency kept from before', async () => {
    const run = await runCli('audit', 'replay', '--dir', dir, '--verify', '--trusted-checkpoint', kept);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('consistent with the trusted checkpoint');
  });

  test('each identity keeps its credential file and its key, which now holds a user JWT', () => {
    const liaison: Identity = { kind: 'liaison', agency: 'ly-coastguard' };
    const path = readStackFile(dir).agencies['ly-coastguard']?.liaisonCreds ?? '';
    expect(path.endsWith('liaison.nk')).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain('BEGIN NATS USER JWT');
    const record = (JSON.parse(readFileSync(layout.identities, 'utf8')) as StoredIdentity[]).find(
      (s) => s.identity.kind === liaison.kind && 'agency' in s.identity && s.identity.agency === 'ly-coastguard',
    );
    expect(record?.credsFile).toBe(path);
  });

  test('an agency reads its inbox with the credential it had before', async () => {
    const run = await runCli('inbox', '--as', 'ly-coastguard', '--dir', dir);
    expect(run.status, run.stderr).toBe(0);
  });

  test('a credential renewed after the upgrade stays at its old path, and the old one is refused', async () => {
    const path = readStackFile(dir).agencies['ly-coastguard']?.adapterCreds ?? '';
    const old = join(dir, 'old-adapter.creds');
    writeFileSync(old, readFileSync(path), { mode: 0o600 });
    const run = await runCli('agency', 'rotate-creds', 'ly-coastguard', '--dir', dir);
    expect(run.status, run.stderr).toBe(0);
    expect(readStackFile(dir).agencies['ly-coastguard']?.adapterCreds).toBe(path);
    expect(readFileSync(path, 'utf8')).not.toBe(readFileSync(old, 'utf8'));
    const stack = readStackFile(dir);
    await expect(connectAs(stack, { kind: 'adapter', agency: 'ly-coastguard' }, old)).rejects.toThrow(/Authorization Violation/);
    const renewed = await connectAs(stack, { kind: 'adapter', agency: 'ly-coastguard' });
    await renewed.close();
  });

  test('the old offline admin is gone: the trust chain holds the new one', () => {
    expect(readStackFile(dir).adminCreds).toBe(join(layout.trust, 'offline', 'admin.creds'));
    expect(existsSync(join(layout.secrets, 'admin.nk'))).toBe(false);
    expect(readFileSync(layout.identities, 'utf8')).not.toContain('"admin"');
  });
});

test('a clustered stack made before JWT accounts is refused before its identities change or a trust chain is made', async () => {
  const scratch = join(dir, 'cluster-copy');
  mkdirSync(scratch, { recursive: true });
  const fake = stackLayout(scratch);
  mkdirSync(join(scratch, 'run'), { recursive: true });
  const legacy = [{ identity: { kind: 'operator' }, publicKey: 'U', seedFile: join(scratch, 'operator.nk') }];
  writeFileSync(fake.identities, JSON.stringify(legacy));
  await expect(prepareStack(scratch, { detached: false, clusterNodes: 3 })).rejects.toMatchObject({ code: 'E_STATE' });
  expect(existsSync(fake.trust)).toBe(false);
  expect(readFileSync(fake.identities, 'utf8')).toBe(JSON.stringify(legacy));
});
