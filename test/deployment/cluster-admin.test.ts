/**
 * Administering a deployment whose servers the administrator does not run: a 3-node
 * JetStream cluster started by this test with the resolver configuration of `accord
 * deployment keys` (not by `stack up`), administered through `accord deployment init`'s
 * context. Every change reaches the servers as a pushed account JWT: no server is
 * restarted and no configuration file is rewritten (each server's resolver directory,
 * where the pushed JWTs are kept, changes by design).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readStackFile } from '../../libs/client/index.js';
import { waitFor } from '../../libs/polling/index.js';
import { messageToJson } from '../../libs/proto/index.js';
import { isRunning, packageRoot } from '../../libs/stack/index.js';
import { startDeploymentCluster, type ClusterNode, type DeploymentCluster } from '../harness/deployment-cluster.js';
import { sampleNotice } from '../harness/sample-notice.js';

/** How long a change may take to reach every node of the cluster. */
const PROPAGATION_MS = 30_000;

const files = mkdtempSync(join(tmpdir(), 'accord-cluster-admin-'));
let cluster: DeploymentCluster;
let pidsAtStart: number[] = [];
let digestsAtStart: string[] = [];

/** Whether a credential file connects to this node: "connected", or why the node refused it. */
async function outcome(node: ClusterNode, credsFile: string): Promise<string> {
  return cluster.connectTo(node, credsFile).then(
    async (nc) => {
      const server = nc.info?.server_name;
      await nc.close();
      return server === node.name ? 'connected' : `connected to ${server} instead`;
    },
    (error: unknown) => String(error),
  );
}

/** Until the node refuses the credential as unauthorized (what it answered last, when it never does). */
async function expectRefusedBy(node: ClusterNode, credsFile: string): Promise<void> {
  await waitFor(`${node.name} refusing ${credsFile}`, PROPAGATION_MS, async () => {
    const answer = await outcome(node, credsFile);
    if (/authorization violation/i.test(answer)) return true;
    throw new Error(`${node.name} answered: ${answer}`);
  });
}

/** Until the node accepts the credential (a new one reaches the nodes the push did not wait for a moment later). */
async function expectAcceptedBy(node: ClusterNode, credsFile: string): Promise<void> {
  await waitFor(`${node.name} accepting ${credsFile}`, PROPAGATION_MS, async () => {
    const answer = await outcome(node, credsFile);
    if (answer === 'connected') return true;
    throw new Error(`${node.name} answered: ${answer}`);
  });
}

/** The adapter's and liaison's credential files the context holds for an agency now. */
function credentialsOf(id: string): { adapter: string; liaison: string } {
  const entry = readStackFile(cluster.contextDir).agencies[id];
  if (!entry?.adapterCreds || !entry.liaisonCreds) throw new Error(`stack.json names no credentials for ${id}`);
  return { adapter: entry.adapterCreds, liaison: entry.liaisonCreds };
}

/** A copy of them as they are now, kept past a rotation or removal. */
function keepCredentials(id: string): { adapter: string; liaison: string } {
  const current = credentialsOf(id);
  const kept = { adapter: join(files, `${id}-adapter.creds`), liaison: join(files, `${id}-liaison.creds`) };
  copyFileSync(current.adapter, kept.adapter);
  copyFileSync(current.liaison, kept.liaison);
  return kept;
}

const addAgency = (id: string, country: string, role = 'police') =>
  cluster.admin('agency', 'add', id, '--country', country, '--role', role, '--groups', 'med');

/** No server restarted and no server configuration file rewritten since the cluster started. */
function expectServersUntouched(): void {
  for (const node of cluster.nodes) expect(isRunning(node.server.pid), `${node.name} running`).toBe(true);
  expect(cluster.nodes.map((n) => n.server.pid)).toEqual(pidsAtStart);
  expect(cluster.configDigests()).toEqual(digestsAtStart);
}

beforeAll(async () => {
  cluster = await startDeploymentCluster();
  pidsAtStart = cluster.nodes.map((n) => n.server.pid);
  digestsAtStart = cluster.configDigests();
}, 90_000);

afterAll(async () => {
  await cluster?.dispose();
  rmSync(files, { recursive: true, force: true });
});

describe('administering a 3-node cluster through a deployment context', () => {
  test('an agency added through the context publishes, and another reads it, with no server restarted or reconfigured', async () => {
    await addAgency('it-police', 'IT');
    await addAgency('mt-police', 'MT');
    const notice = sampleNotice('it-police', { addressees: ['mt-police'] });
    const file = join(files, 'notice.json');
    writeFileSync(file, JSON.stringify(messageToJson('accord.v1.CaseNotice', notice)));
    await cluster.admin('publish', '--as', 'it-police', file, '--wait');

    const read = await waitFor('the notice in the inbox of mt-police', PROPAGATION_MS, async () => {
      const { views } = JSON.parse(await cluster.admin('inbox', '--as', 'mt-police', '--json')) as {
        views: { core: { noticeId: string } }[];
      };
      return views.find((v) => v.core.noticeId === notice.noticeId);
    });
    expect(read.core.noticeId).toBe(notice.noticeId);

    expectServersUntouched();
    // What did change: each server's resolver holds the pushed Accord account.
    for (const node of cluster.nodes) expect(existsSync(join(node.resolverDir, `${cluster.account}.jwt`)), node.name).toBe(true);
  });

  test('rotated credentials: every node refuses the old ones and takes the new ones', async () => {
    await addAgency('gr-coastguard', 'GR', 'coastguard');
    const old = keepCredentials('gr-coastguard');
    for (const node of cluster.nodes) await expectAcceptedBy(node, old.adapter);

    await cluster.admin('agency', 'rotate-creds', 'gr-coastguard');
    const renewed = credentialsOf('gr-coastguard');
    for (const node of cluster.nodes) {
      await expectRefusedBy(node, old.adapter);
      await expectRefusedBy(node, old.liaison);
      await expectAcceptedBy(node, renewed.adapter);
      await expectAcceptedBy(node, renewed.liaison);
    }
    expectServersUntouched();
  });

  test('a removed agency: every node refuses its credentials', async () => {
    await addAgency('es-police', 'ES');
    const kept = keepCredentials('es-police');
    for (const node of cluster.nodes) await expectAcceptedBy(node, kept.liaison);

    await cluster.admin('agency', 'remove', 'es-police');
    for (const node of cluster.nodes) {
      await expectRefusedBy(node, kept.adapter);
      await expectRefusedBy(node, kept.liaison);
    }
    expectServersUntouched();
  });

  test("the contract's other administration verbs work on the context as on a local stack", async () => {
    const keyOf = (json: string) => (JSON.parse(json) as { kid: string }).kid;
    await addAgency('pt-police', 'PT');
    const first = keyOf(await cluster.admin('agency', 'add', 'pt-border', '--country', 'PT', '--role', 'border-guard', '--json'));
    await cluster.admin('agency', 'rotate-key', 'pt-border');
    expect(await cluster.admin('agency', 'revoke-key', 'pt-border', first, '--reason', 'superseded')).toContain(
      `key ${first} of pt-border revoked`,
    );
    expect(await cluster.admin('policy', 'apply', join(packageRoot(), 'policies', 'default.yaml'))).toMatch(
      /policy default@\d+ applied; routing decides under it/,
    );
    expect(await cluster.admin('status')).toContain('audit');
    await cluster.admin('audit', 'replay', '--verify');
    const service = JSON.parse(await cluster.admin('service', 'creds', 'routing', '--rotate', '--json')) as { issued: boolean };
    expect(service.issued).toBe(true);
    // The routing service, cut off, comes back with the renewed file: a notice is routed again.
    const notice = sampleNotice('pt-police', { addressees: ['mt-police'] });
    const file = join(files, 'after-rotation.json');
    writeFileSync(file, JSON.stringify(messageToJson('accord.v1.CaseNotice', notice)));
    await cluster.admin('publish', '--as', 'pt-police', file, '--wait');
    await waitFor('the notice routed after the rotation', PROPAGATION_MS, async () => {
      const { views } = JSON.parse(await cluster.admin('inbox', '--as', 'mt-police', '--json')) as {
        views: { core: { noticeId: string } }[];
      };
      return views.find((v) => v.core.noticeId === notice.noticeId);
    });
    expectServersUntouched();
  });

  test('a node that was down during the revocations refuses the revoked credentials when it comes back', async () => {
    await addAgency('fr-police', 'FR');
    await addAgency('hr-police', 'HR');
    const rotated = keepCredentials('fr-police');
    const removed = keepCredentials('hr-police');
    const down = cluster.nodes[2] as ClusterNode;
    for (const file of [rotated.adapter, removed.adapter]) await expectAcceptedBy(down, file);

    await down.server.stop();
    await cluster.admin('agency', 'rotate-creds', 'fr-police');
    await cluster.admin('agency', 'remove', 'hr-police');
    await down.server.restart();

    await expectRefusedBy(down, rotated.adapter);
    await expectRefusedBy(down, rotated.liaison);
    await expectRefusedBy(down, removed.adapter);
    await expectRefusedBy(down, removed.liaison);
    await expectAcceptedBy(down, credentialsOf('fr-police').adapter);
    // Its configuration is the one it had: the revocations came from its peers.
    expect(cluster.configDigests()).toEqual(digestsAtStart);
  });
});
