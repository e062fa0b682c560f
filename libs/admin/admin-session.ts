import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusSettings, Identity } from '../bus/index.js';

/**
 * Who issues and revokes the bus's credentials. Administration asks it; how credentials
 * are signed (a scoped signing key of the account) and where they are kept is its
 * business, not administration's.
 */
export interface CredentialAuthority {
  /** The identity's current credential (a .creds file), if it has one. */
  find(identity: Identity): string | undefined;
  /** New credentials with new keys, in one account update; previous ones are refused at once on every server. */
  issue(identities: readonly Identity[]): Promise<string[]>;
  /** The identities' credentials refused from now on on every server, and forgotten. */
  revoke(identities: readonly Identity[]): Promise<void>;
}

/** What bus administration works with: a connection as the operator, and the credential authority. */
export interface AdminSession {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  settings: BusSettings;
  credentials: CredentialAuthority;
}
