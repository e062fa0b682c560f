import { encodeUser, fmtCreds } from '@nats-io/jwt';
import { createUser, fromSeed, type KeyPair } from '@nats-io/nkeys';
import { identityName, type Identity } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { scopeRoleOf } from './scope-roles.js';
import type { OnlineTrust } from './trust-chain.js';

export interface MintedUser {
  /** The user's nkey public key: what a revocation names. */
  publicKey: string;
  /** A NATS .creds file: the user JWT and the user's seed. */
  creds: string;
}

/**
 * A user JWT for an identity, signed by its role's scoped key (the template decides its
 * permissions; the JWT carries only its name). A new nkey unless `seed` keeps an
 * existing one (upgrading a stack whose identities had bare nkeys keeps them). The
 * role's key must be in the trust chain, and in the account the servers hold before the
 * user connects.
 */
export async function mintUser(trust: OnlineTrust, identity: Identity, seed?: string): Promise<MintedUser> {
  const role = scopeRoleOf(identity);
  const signer = role ? trust.scopes.get(role) : undefined;
  if (!signer) throw new AccordError('E_STATE', `no online signing key for ${identityName(identity)} in ${trust.layout.online}`);
  const user: KeyPair = seed ? fromSeed(new TextEncoder().encode(seed.trim())) : createUser();
  const jwt = await encodeUser(identityName(identity), user, trust.public.account, {}, { signer, scopedUser: true });
  return { publicKey: user.getPublicKey(), creds: new TextDecoder().decode(fmtCreds(jwt, user)) };
}
