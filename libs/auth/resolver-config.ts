/** How often each server compares its account JWTs with its peers' and takes the newer. */
export const RESOLVER_SYNC_INTERVAL = '5s';

export interface ResolverConfigInput {
  operatorJwt: string;
  systemAccount: string;
  systemAccountJwt: string;
  /** Where each server keeps the account JWTs pushed to it; absent: set by the including file. */
  dir?: string;
}

/**
 * The trust part of every server's configuration: the operator, the system account, and
 * the full resolver, which stores account JWTs pushed through the system account
 * (`$SYS.REQ.CLAIMS.UPDATE`) and shares them with the other servers of its cluster. A
 * server that was down during an update starts with the account it had and takes the
 * newer one from its peers at its first sync, one `interval` after it starts: that
 * interval is short, so revoked credentials are accepted there for seconds, not minutes
 * (measured: the first refusal came 119.9 s after a restart with "2m", 5.0 s with "5s").
 * Only the system account is
 * preloaded; the Accord account arrives by push, so adding agencies, rotating or revoking
 * credentials changes no configuration file.
 */
export function resolverConfig(c: ResolverConfigInput): string {
  return [
    `operator: ${JSON.stringify(c.operatorJwt)}`,
    `system_account: ${JSON.stringify(c.systemAccount)}`,
    `resolver {`,
    `  type: full`,
    ...(c.dir ? [`  dir: ${JSON.stringify(c.dir)}`] : [`  dir: $ACCORD_RESOLVER_DIR`]),
    // A pushed JWT is never deleted by a push: revocation is a new account JWT, not a deletion.
    `  allow_delete: false`,
    `  interval: "${RESOLVER_SYNC_INTERVAL}"`,
    `  timeout: "5s"`,
    `}`,
    `resolver_preload {`,
    `  ${c.systemAccount}: ${JSON.stringify(c.systemAccountJwt)}`,
    `}`,
    '',
  ].join('\n');
}
