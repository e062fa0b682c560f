import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { decode, encodeAccount, type Account, type RevocationList } from '@nats-io/jwt';
import type { NatsConnection } from '@nats-io/transport-node';
import { AccordError, errorMessage } from '../errors/index.js';
import { accordAccountClaims } from './account-claims.js';
import { isAgencyRole } from './scope-roles.js';
import type { OnlineTrust } from './trust-chain.js';

const ACCOUNT_NAME = 'ACCORD';
const REPLY_WAIT_MS = 5000;

interface ClaimsReply {
  data?: { code?: number; message?: string; account?: string };
  error?: { code?: number; description?: string };
  server?: { name?: string };
}

function parseReply(bytes: Uint8Array): ClaimsReply {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as ClaimsReply;
  } catch {
    return { error: { description: 'the server answered with something that is not JSON' } };
  }
}

/** The servers of the cluster, each answering a ping of the system account. */
async function serverCount(sys: NatsConnection): Promise<number> {
  const replies = await sys.requestMany('$SYS.REQ.SERVER.PING', '', { strategy: 'stall', maxWait: REPLY_WAIT_MS, stall: 500 });
  let count = 0;
  for await (const _ of replies) count += 1;
  return Math.max(count, 1);
}

/**
 * Pushes an account JWT to the servers' full resolvers through the system account; the
 * servers connected now each answer, and one that is down takes it from its peers when it
 * comes back. Resolves with the names of the servers that stored it; any refusal throws.
 */
export async function pushAccountJwt(sys: NatsConnection, jwt: string): Promise<string[]> {
  const expected = await serverCount(sys);
  let replies;
  try {
    replies = await sys.requestMany('$SYS.REQ.CLAIMS.UPDATE', jwt, { strategy: 'count', maxMessages: expected, maxWait: REPLY_WAIT_MS });
  } catch (error) {
    throw new AccordError('E_UNAVAILABLE', `no server took the account update: ${errorMessage(error)}`, { cause: error, retryable: true });
  }
  const stored: string[] = [];
  for await (const msg of replies) {
    const reply = parseReply(msg.data);
    if (reply.error || (reply.data?.code !== undefined && reply.data.code !== 200)) {
      const why = reply.error?.description ?? reply.data?.message ?? 'refused';
      throw new AccordError('E_FORBIDDEN', `server ${reply.server?.name ?? '?'} refused the account update: ${why}`);
    }
    stored.push(reply.server?.name ?? '?');
  }
  if (stored.length === 0) throw new AccordError('E_UNAVAILABLE', 'no server answered the account update', { retryable: true });
  return stored;
}

/** The account JWT the servers hold now, or undefined when none was pushed yet. */
export async function lookupAccountJwt(sys: NatsConnection, account: string): Promise<string | undefined> {
  try {
    const msg = await sys.request(`$SYS.REQ.ACCOUNT.${account}.CLAIMS.LOOKUP`, '', { timeout: REPLY_WAIT_MS });
    const text = new TextDecoder().decode(msg.data).trim();
    return text.startsWith('ey') ? text : undefined;
  } catch (error) {
    throw new AccordError('E_UNAVAILABLE', `cannot look up the account JWT: ${errorMessage(error)}`, { cause: error, retryable: true });
  }
}

export function revocationsOf(jwt: string | undefined): RevocationList {
  return jwt ? { ...decode<Account>(jwt).nats.revocations } : {};
}

/** The agency roles' scoped keys an account JWT lists, by role. */
function agencyScopesOf(jwt: string | undefined): [string, string][] {
  const keys = jwt ? (decode<Account>(jwt).nats.signing_keys ?? []) : [];
  return keys.flatMap((k) => (typeof k !== 'string' && isAgencyRole(k.role) ? [[k.role, k.key] as [string, string]] : []));
}

function lastPushed(trust: OnlineTrust): string | undefined {
  return existsSync(trust.layout.accountJwt) ? readFileSync(trust.layout.accountJwt, 'utf8').trim() : undefined;
}

export interface AccountChange {
  /** User public keys refused from now on, their connections closed. */
  revoke?: readonly string[];
  /** Agency roles whose scoped keys leave the account: no user they signed is accepted any more. */
  dropRoles?: readonly string[];
}

/**
 * Signs the Accord account anew and pushes it: the trust chain's scoped keys (their
 * templates from this version's permissions), plus agency keys the servers list that
 * this folder has no seed for (added from another folder), but for `dropRoles`; the
 * revocations the servers hold and those of this folder's last push (kept in the trust
 * chain's account.jwt, so servers that lost their resolver directories do not bring
 * revoked credentials back), plus `revoke`. Two folders changing the account at the same
 * moment may lose one change: the second push carries only what it read.
 */
export async function updateAccount(sys: NatsConnection, trust: OnlineTrust, change: AccountChange = {}): Promise<string> {
  const held = await lookupAccountJwt(sys, trust.public.account);
  const revocations = { ...revocationsOf(lastPushed(trust)), ...revocationsOf(held) };
  const now = Math.floor(Date.now() / 1000);
  for (const key of change.revoke ?? []) revocations[key] = now;
  const scopes = new Map([...trust.scopes].map(([role, kp]) => [role, kp.getPublicKey()]));
  const dropped = new Set(change.dropRoles);
  for (const [role, key] of agencyScopesOf(held)) if (!scopes.has(role) && !dropped.has(role)) scopes.set(role, key);
  const jwt = await encodeAccount(ACCOUNT_NAME, trust.public.account, accordAccountClaims(scopes, revocations), {
    signer: trust.operatorSigning,
  });
  await pushAccountJwt(sys, jwt);
  writeFileSync(trust.layout.accountJwt, `${jwt}\n`);
  return jwt;
}
