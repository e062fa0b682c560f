import { join } from 'node:path';
import { contextLayout } from '../context/index.js';

/**
 * Where a local stack keeps what, inside its DIR: an administration folder (the context
 * layout) plus the processes it runs here: their data, logs and bookkeeping.
 */
export function stackLayout(dirArg: string) {
  const context = contextLayout(dirArg);
  const dir = context.dir;
  return {
    ...context,
    logs: join(dir, 'logs'),
    run: join(dir, 'run'),
    state: join(dir, 'run', 'state.json'),
    nats: join(dir, 'nats'),
    redis: join(dir, 'redis'),
    busSigningKey: join(dir, 'secrets', 'bus-signing.jwk'),
    auditSigningKey: join(dir, 'secrets', 'audit-signing.jwk'),
    busSecret: join(dir, 'secrets', 'bus-secret'),
    pseudonymKey: join(dir, 'secrets', 'pseudonym-key'),
    redisPassword: join(dir, 'secrets', 'redis-password'),
    tls: join(dir, 'tls'),
    agencyStore: (id: string) => join(dir, 'agencies', id, 'inbox'),
    /** The exact SignedNotice bytes of each notice the agency published from this folder (a release needs them). */
    agencySent: (id: string) => join(dir, 'agencies', id, 'sent'),
    log: (name: string) => join(dir, 'logs', `${name}.log`),
  };
}

export type StackLayout = ReturnType<typeof stackLayout>;
