import { join, resolve } from 'node:path';
import type { Identity } from '../bus/index.js';

/**
 * A bus's administration folder: a local stack's DIR, or a deployment context made by
 * `accord deployment init`. It holds what clients need (stack.json), the online half of
 * the trust chain, the credentials it issued and their public keys.
 */
export function contextLayout(dirArg: string) {
  const dir = resolve(dirArg);
  return {
    dir,
    secrets: join(dir, 'secrets'),
    /** The trust chain (a local stack's whole chain; a deployment's public and online parts only). */
    trust: join(dir, 'secrets', 'trust'),
    identities: join(dir, 'run', 'identities.json'),
    /** Held while an administration verb runs. */
    adminLock: join(dir, 'run', 'admin.lock'),
    /** The bus's settings (replicas, limits) that administration creates consumers with. */
    deployment: join(dir, 'deployment.json'),
    busPublicKey: join(dir, 'secrets', 'bus-signing.jwk.pub'),
    auditPublicKey: join(dir, 'secrets', 'audit-signing.jwk.pub'),
    caFile: join(dir, 'tls', 'ca.pem'),
    agency: (id: string) => join(dir, 'agencies', id),
    agencyKey: (id: string) => join(dir, 'agencies', id, 'signing.jwk'),
  };
}

export type ContextLayout = ReturnType<typeof contextLayout>;

/** Where an identity's credential (a NATS .creds file) lives in the folder. */
export function credsFileFor(layout: ContextLayout, identity: Identity): string {
  switch (identity.kind) {
    case 'adapter':
    case 'liaison':
    case 'node':
      return join(layout.agency(identity.agency), `${identity.kind}.creds`);
    case 'service':
      return join(layout.secrets, `service-${identity.service}.creds`);
    case 'admin':
      return join(layout.trust, 'offline', 'admin.creds');
    default:
      return join(layout.secrets, `${identity.kind}.creds`);
  }
}
