import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CredentialAuthority } from '../admin/index.js';
import {
  ensureAgencyScope,
  isAgencyRole,
  mintUser,
  scopeRoleOf,
  updateAccount,
  type AccountChange,
  type OnlineTrust,
} from '../auth/index.js';
import { connectBus, type Identity } from '../bus/index.js';
import { credsFileFor, type ContextLayout } from './context-layout.js';
import { IdentityStore } from './identity-store.js';

/** Where the system user connects to push account updates: the bus's servers and CA. */
export interface SystemEndpoint {
  natsUrl: string;
  caFile?: string;
}

function writeCredsFile(path: string, creds: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Renamed into place: a service reading its file at a reconnection never sees half of it.
  writeFileSync(`${path}.tmp`, creds, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
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
 * and revokes through an account update pushed to the servers. An agency identity's
 * first credential brings a scoped key for it, in the same account update.
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

  find(identity: Identity): string | undefined {
    return this.store.find(identity)?.credsFile;
  }

  async issue(identity: Identity): Promise<string> {
    const previous = this.store.find(identity);
    const newScope = ensureAgencyScope(this.trust, identity);
    const minted = await mintUser(this.trust, identity);
    // A credential renewed where the old one was: whatever names that file (a node's node.json) takes the new one.
    const credsFile = previous?.credsFile ?? credsFileFor(this.layout, identity);
    writeCredsFile(credsFile, minted.creds);
    this.store.put({ identity, publicKey: minted.publicKey, credsFile });
    const revoke = previous && previous.publicKey !== minted.publicKey ? [previous.publicKey] : [];
    if (newScope || revoke.length > 0) await this.updateAccount({ revoke });
    return credsFile;
  }

  /** Revokes their users, and drops agency identities' scoped keys: nothing they signed is accepted any more. */
  async revoke(identities: readonly Identity[]): Promise<void> {
    const stored = identities.flatMap((i) => this.store.find(i) ?? []);
    const dropRoles = identities.flatMap((i) => {
      const role = scopeRoleOf(i);
      return role && isAgencyRole(role) ? [role] : [];
    });
    for (const role of dropRoles) if (this.trust.scopes.delete(role)) rmSync(this.trust.layout.scopeSeed(role), { force: true });
    await this.updateAccount({ revoke: stored.map((s) => s.publicKey), dropRoles });
    for (const identity of identities) this.store.remove(identity);
  }

  private async updateAccount(change: AccountChange): Promise<void> {
    await withSystemUser(this.trust, this.endpoint, (sys) => updateAccount(sys, this.trust, change));
  }
}
