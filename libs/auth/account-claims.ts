import type { Account, RevocationList } from '@nats-io/jwt';
import { scopedSigningKey } from './scope-roles.js';

/** The Accord account's name in its JWT (servers know it by its public key). */
export const ACCOUNT_NAME = 'ACCORD';

/** No NATS limit on the account: Accord's own limits are its streams'. */
export const UNLIMITED_NATS = {
  subs: -1,
  data: -1,
  payload: -1,
  imports: -1,
  exports: -1,
  wildcards: true,
  conn: -1,
  leaf: -1,
} as const;

/**
 * The Accord account's claims: JetStream enabled, one scoped signing key per role, given
 * as role and public key (the
 * templates come from the bus's permissions, so a new Accord version brings its
 * permissions to a running deployment with the next account update; an agency removed
 * has no key left, so no user of its is accepted), and the users revoked so far.
 */
export function accordAccountClaims(scopes: ReadonlyMap<string, string>, revocations: RevocationList): Partial<Account> {
  return {
    limits: {
      ...UNLIMITED_NATS,
      mem_storage: -1,
      disk_storage: -1,
      streams: -1,
      consumer: -1,
      max_ack_pending: -1,
      mem_max_stream_bytes: -1,
      disk_max_stream_bytes: -1,
      max_bytes_required: false,
    },
    signing_keys: [...scopes].map(([role, key]) => scopedSigningKey(role, key)),
    revocations,
  };
}
