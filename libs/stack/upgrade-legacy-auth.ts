import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTrustChain,
  hasTrustChain,
  isAgencyRole,
  mintUser,
  newAgencyScope,
  readOnlineTrust,
  type OnlineTrust,
} from '../auth/index.js';
import type { Identity } from '../bus/index.js';
import { writeSecretFile } from '../config/index.js';
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

/** The identities of a stack made before JWT accounts not yet upgraded, or undefined for any other stack. */
export function legacyIdentities(layout: StackLayout): LegacyIdentity[] | undefined {
  if (!existsSync(layout.identities)) return undefined;
  const entries = JSON.parse(readFileSync(layout.identities, 'utf8')) as Partial<LegacyIdentity & { credsFile: string }>[];
  const legacy = entries.filter((e): e is LegacyIdentity => typeof e.seedFile === 'string' && e.credsFile === undefined);
  return legacy.length > 0 ? legacy : undefined;
}

/** Where nats-server keeps an account's JetStream data under a node's store. */
const accountStore = (node: NatsNode, account: string): string => join(node.dir, 'jetstream', 'jetstream', account);
const GLOBAL_ACCOUNT = '$G';

/** The seed of a legacy identity's file: its content, or, when an interrupted upgrade already wrote a .creds there, the seed in it. */
function seedIn(file: string): string {
  const text = readFileSync(file, 'utf8');
  const seed = /^SU[A-Z2-7]+$/m.exec(text)?.[0];
  if (!seed)
    throw new AccordError('E_STATE', `${file} holds no nkey seed: the identity cannot be upgraded; issue it again after the upgrade`);
  return seed;
}

/**
 * Moves a stack made before JWT accounts to the operator's account, in place and with
 * every record: a trust chain is made; the JetStream data of the global account, where
 * the streams were, becomes the Accord account's; each identity keeps its nkey, now as a
 * user JWT of the Accord account written over its old seed file (so whatever names that
 * file, a node's node.json say, keeps working, and renewed credentials are written there
 * too); the old offline admin's seed is deleted: the trust chain's admin replaces it.
 * Each step can be interrupted and taken up again by the next start: the identities are
 * converted last, and they are what marks the stack as not yet upgraded. A clustered
 * stack is refused: its servers' shared metadata names the global account, which no file
 * move can change. Returns the chain and the agency roles whose keys the account needs.
 */
export async function upgradeLegacyAuth(
  layout: StackLayout,
  nodes: readonly NatsNode[],
  legacy: readonly LegacyIdentity[],
  progress: (line: string) => void,
): Promise<{ trust: OnlineTrust; agencyRoles: string[] }> {
  if (nodes.length > 1) {
    throw new AccordError(
      'E_STATE',
      `the stack in ${layout.dir} runs a cluster made before JWT accounts: an in-place upgrade moves one server's store only; ` +
        'export the audit trail (`accord audit export`) and make a new stack',
    );
  }
  const trust = hasTrustChain(layout.trust) ? readOnlineTrust(layout.trust) : await createTrustChain(layout.trust);
  for (const node of nodes) {
    const from = accountStore(node, GLOBAL_ACCOUNT);
    const to = accountStore(node, trust.public.account);
    if (!existsSync(from)) continue;
    if (existsSync(to)) throw new AccordError('E_STATE', `${from} and ${to} both exist: move one aside, then start the stack again`);
    renameSync(from, to);
  }
  const store = identityStore(layout);
  const moved = legacy.filter((e) => e.identity.kind !== 'admin');
  for (const entry of moved) {
    newAgencyScope(trust, entry.identity);
    const minted = await mintUser(trust, entry.identity, seedIn(entry.seedFile));
    writeSecretFile(entry.seedFile, minted.creds);
    store.put({ identity: entry.identity, publicKey: minted.publicKey, credsFile: entry.seedFile });
  }
  for (const entry of legacy) if (entry.identity.kind === 'admin') rmSync(entry.seedFile, { force: true });
  store.remove({ kind: 'admin' });
  progress(`moved ${moved.length} identities and the streams to the Accord account ${trust.public.account} (JWT auth)`);
  return { trust, agencyRoles: [...trust.scopes.keys()].filter(isAgencyRole) };
}
