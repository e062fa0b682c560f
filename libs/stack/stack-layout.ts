import { join, resolve } from 'node:path';

/** Where a stack keeps what, inside its DIR. */
export function stackLayout(dirArg: string) {
  const dir = resolve(dirArg);
  return {
    dir,
    logs: join(dir, 'logs'),
    run: join(dir, 'run'),
    state: join(dir, 'run', 'state.json'),
    nats: join(dir, 'nats'),
    redis: join(dir, 'redis'),
    secrets: join(dir, 'secrets'),
    busSigningKey: join(dir, 'secrets', 'bus-signing.jwk'),
    busPublicKey: join(dir, 'secrets', 'bus-signing.jwk.pub'),
    auditSigningKey: join(dir, 'secrets', 'audit-signing.jwk'),
    auditPublicKey: join(dir, 'secrets', 'audit-signing.jwk.pub'),
    busSecret: join(dir, 'secrets', 'bus-secret'),
    pseudonymKey: join(dir, 'secrets', 'pseudonym-key'),
    redisPassword: join(dir, 'secrets', 'redis-password'),
    tls: join(dir, 'tls'),
    identities: join(dir, 'run', 'identities.json'),
    agency: (id: string) => join(dir, 'agencies', id),
    agencyKey: (id: string) => join(dir, 'agencies', id, 'signing.jwk'),
    agencyStore: (id: string) => join(dir, 'agencies', id, 'inbox'),
    /** The exact SignedNotice bytes of each notice the agency published from this folder (a release needs them). */
    agencySent: (id: string) => join(dir, 'agencies', id, 'sent'),
    log: (name: string) => join(dir, 'logs', `${name}.log`),
  };
}

export type StackLayout = ReturnType<typeof stackLayout>;
