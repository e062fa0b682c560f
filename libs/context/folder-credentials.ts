import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { updateAccount, type AccountChange, type CredentialAuthority } from '../admin/index.js';
import { isAgencyRole, mintUser, newAgencyScope, scopeRoleOf, type OnlineTrust } from '../auth/index.js';
import { connectBus, type Identity } from '../bus/index.js';
import { writeSecretFile } from '../config/index.js';
import { credsFileFor, type ContextLayout } from './context-layout.js';
import { IdentityStore, type StoredIdentity } from './identity-store.js';

/** Where the system user connects to push account updates: the bus's servers and CA. */
export interface SystemEndpoint {
  natsUrl: string;
  caFile?: string;
}

/** Runs `use` connected as the trust chain's system user, the only one that may push account JWTs. */
export async function withSystemUser<T>(
  trust: OnlineTrust,
  endpoint: SystemEndpoint,
  use: (sys: NatsConnection) => Promise<T>,
): Promise<T> {
  const sys = await connectBus({
    url: endpoint.natsUrl,
    name: 'accord-system-push',
    reconnect: false,
    credsFile: trust.layout.systemUserCreds,
    ...(endpoint.caFile ? { caFile: endpoint.caFile } : {}),
  });
  try {
    return await use(sys);
  } finally {
    await sys.close();
  }
}

/**
 * The credential authority of an administration folder: it mints users with the trust
 * chain's scoped signing keys into the folder's .creds files, records their public keys,
 * and changes the account the servers hold. An agency identity gets a new scoped key with
 * each credential (the old key leaves the account, and every user it signed with it);
 * a bus identity's previous user is revoked by its public key.
 */
export class FolderCredentials implements CredentialAuthority {
  private readonly store: IdentityStore;

  constructor(
    private readonly layout: ContextLayout,
    private readonly trust: OnlineTrust,
    private readonly endpoint: SystemEndpoint,
  ) {
    this.store = new IdentityStore(layout.identities);
  }

  /** The recorded credential, if its file is still there (one deleted is issued again). */
  find(identity: Identity): string | undefined {
    const stored = this.store.find(identity);
    return stored && existsSync(stored.credsFile) ? stored.credsFile : undefined;
  }

  /** Each identity's credential: the one it has, or one issued now (all missing ones in one account update). */
  async ensure(identities: readonly Identity[]): Promise<string[]> {
    const missing = identities.filter((i) => this.find(i) === undefined);
    if (missing.length > 0) await this.issue(missing);
    return identities.map((i) => this.find(i) ?? '');
  }

  async issue(identities: readonly Identity[]): Promise<string[]> {
    const revoke: string[] = [];
    const setRoles: string[] = [];
    const minted: StoredIdentity[] = [];
    const creds: string[] = [];
    for (const identity of identities) {
      const previous = this.store.find(identity);
      const role = newAgencyScope(this.trust, identity);
      if (role) setRoles.push(role);
      else if (previous) revoke.push(previous.publicKey);
      const user = await mintUser(this.trust, identity);
      // Renewed where the old one was: whatever names that file (a node's node.json) takes the new one.
      minted.push({ identity, publicKey: user.publicKey, credsFile: previous?.credsFile ?? credsFileFor(this.layout, identity) });
      creds.push(user.creds);
    }
    // The account first (when it changes: a bus identity's first user needs no update): a
    // credential is never written before the servers accept it, and one replaced is
    // refused before its record goes; should the files not be written after, issuing
    // again mends it, and the old credential stays refused.
    if (revoke.length > 0 || setRoles.length > 0) await this.updateAccount({ revoke, setRoles });
    minted.forEach((m, i) => {
      mkdirSync(dirname(m.credsFile), { recursive: true, mode: 0o700 });
      writeSecretFile(m.credsFile, creds[i] ?? '');
      this.store.put(m);
    });
    return minted.map((m) => m.credsFile);
  }

  /** Drops agency identities' scoped keys and revokes bus identities' users: nothing they signed is accepted any more. */
  async revoke(identities: readonly Identity[]): Promise<void> {
    const dropRoles: string[] = [];
    const revoke: string[] = [];
    for (const identity of identities) {
      const role = scopeRoleOf(identity);
      const user = this.store.find(identity)?.publicKey;
      if (role && isAgencyRole(role)) dropRoles.push(role);
      else if (user) revoke.push(user);
    }
    await this.updateAccount({ revoke, dropRoles });
    for (const role of dropRoles) if (this.trust.scopes.delete(role)) rmSync(this.trust.layout.scopeSeed(role), { force: true });
    for (const identity of identities) this.store.remove(identity);
  }

  private async updateAccount(change: AccountChange): Promise<void> {
    await withSystemUser(this.trust, this.endpoint, (sys) => updateAccount(sys, this.trust, change));
  }
}
