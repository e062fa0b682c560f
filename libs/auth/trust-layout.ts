import { join, resolve } from 'node:path';

/**
 * Where a trust chain's files are. `offline/` holds the identity keys that sign only
 * rarely (the operator's, the system account's, the Accord account's) and the offline
 * admin: in a deployment they leave the machine once made. `online/` holds what the
 * administration verbs sign with day to day; everything else is public.
 */
export function trustLayout(dirArg: string) {
  const dir = resolve(dirArg);
  return {
    dir,
    trust: join(dir, 'trust.json'),
    operatorJwt: join(dir, 'operator.jwt'),
    systemAccountJwt: join(dir, 'system-account.jwt'),
    /** The Accord account as this folder last pushed it: its revocations outlive the servers' resolver directories. */
    accountJwt: join(dir, 'account.jwt'),
    resolverConf: join(dir, 'resolver.conf'),
    offline: join(dir, 'offline'),
    operatorSeed: join(dir, 'offline', 'operator.nk'),
    systemAccountSeed: join(dir, 'offline', 'system-account.nk'),
    accountSeed: join(dir, 'offline', 'account.nk'),
    adminCreds: join(dir, 'offline', 'admin.creds'),
    online: join(dir, 'online'),
    operatorSigningSeed: join(dir, 'online', 'operator-signing.nk'),
    systemUserCreds: join(dir, 'online', 'system-user.creds'),
    scopes: join(dir, 'online', 'scopes'),
    scopeSeed: (role: string) => join(dir, 'online', 'scopes', `${role}.nk`),
  };
}

export type TrustLayout = ReturnType<typeof trustLayout>;
