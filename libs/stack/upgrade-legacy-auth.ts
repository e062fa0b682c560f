import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTrustChain, ensureAgencyScope, hasTrustChain, mintUser, readOnlineTrust, type OnlineTrust } from '../auth/index.js';
import type { Identity } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import type { NatsNode } from './nats-nodes.js';
import { identityStore } from './stack-identities.js';
import type { StackLayout } from './stack-layout.js';

/** An identity of a stack made before JWT accounts: a bare nkey seed file. */
interface LegacyIdentity {
  identity: Identity;
  publicKey: string;
  seedFile: string;
}

/** The identities of a stack made before JWT accounts, or undefined for any other stack. */
export function legacyIdentities(layout: StackLayout): LegacyIdentity[] | undefined {
  if (!existsSync(layout.identities)) return undefined;
  const entries = JSON.parse(readFileSync(layout.identities, 'utf8')) as Partial<LegacyIdentity & { credsFile: string }>[];
  return entries.some((e) => typeof e.seedFile === 'string' && e.credsFile === undefined) ? (entries as LegacyIdentity[]) : undefined;
}

/** Where nats-server keeps an account's JetStream data under a node's store. */
const accountStore = (node: NatsNode, account: string): string => join(node.dir, 'jetstream', 'jetstream', account);
const GLOBAL_ACCOUNT = '$G';

/**
 * Moves a stack made before JWT accounts to the operator's account, in place and with
 * every record: a trust chain is made; each identity keeps its nkey, now as a user JWT of
 * the Accord account written over its old seed file (so whatever names that file, a
 * node's node.json say, keeps working, and renewed credentials are written there too);
 * the JetStream data of the global account, where
 * the streams were, becomes the Accord account's. The old offline admin's seed is
 * deleted: the trust chain's admin replaces it. A clustered stack is refused: its
 * servers' shared metadata names the global account, which no file move can change.
 */
export async function upgradeLegacyAuth(
  layout: StackLayout,
  nodes: readonly NatsNode[],
  legacy: readonly LegacyIdentity[],
  progress: (line: string) => void,
): Promise<OnlineTrust> {
  if (nodes.length > 1) {
    throw new AccordError(
      'E_STATE',
      `the stack in ${layout.dir} runs a cluster made before JWT accounts: an in-place upgrade moves one server's store only; ` +
        'export the audit trail (`accord audit export`) and make a new stack',
    );
  }
  // A chain made by an upgrade interrupted after it is taken up again.
  const trust = hasTrustChain(layout.trust) ? readOnlineTrust(layout.trust) : await createTrustChain(layout.trust);
  const store = identityStore(layout);
  const moved = legacy.filter((e) => e.identity.kind !== 'admin' && e.seedFile !== undefined);
  for (const entry of moved) {
    ensureAgencyScope(trust, entry.identity);
    const minted = await mintUser(trust, entry.identity, readFileSync(entry.seedFile, 'utf8'));
    writeFileSync(`${entry.seedFile}.tmp`, minted.creds, { mode: 0o600 });
    renameSync(`${entry.seedFile}.tmp`, entry.seedFile);
    store.put({ identity: entry.identity, publicKey: minted.publicKey, credsFile: entry.seedFile });
  }
  store.remove({ kind: 'admin' });
  for (const entry of legacy) if (entry.identity.kind === 'admin') rmSync(entry.seedFile, { force: true });
  for (const node of nodes) {
    const from = accountStore(node, GLOBAL_ACCOUNT);
    const to = accountStore(node, trust.public.account);
    if (!existsSync(from)) continue;
    if (existsSync(to))
      throw new AccordError('E_STATE', `${to} exists already: the upgrade of ${layout.dir} was interrupted; move it aside`);
    renameSync(from, to);
  }
  progress(`moved ${moved.length} identities and the streams to the Accord account ${trust.public.account} (JWT auth)`);
  return trust;
}
