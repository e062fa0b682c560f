import { decode, encodeAccount, type Account, type ClaimsData, type RevocationList } from '@nats-io/jwt';
import type { NatsConnection } from '@nats-io/transport-node';
import { ACCOUNT_NAME, accordAccountClaims, isAgencyRole, type OnlineTrust } from '../auth/index.js';
import { AccordError, errorMessage } from '../errors/index.js';

const REPLY_WAIT_MS = 5000;
/** Further ahead than this, the servers' account was signed on a machine whose clock is not this one's. */
const MAX_CLOCK_LEAD_S = 10;

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks every server of the cluster (each answers a request of the system account): as
 * many answers as the servers the connection knows of (its INFO's client URLs, one per
 * server up), or what came within the wait.
 */
async function askEveryServer(sys: NatsConnection, subject: string, payload: string): Promise<Uint8Array[]> {
  const servers = Math.max(1, sys.info?.connect_urls?.length ?? 1);
  const replies = await sys.requestMany(subject, payload, { strategy: 'count', maxMessages: servers, maxWait: REPLY_WAIT_MS });
  const answers: Uint8Array[] = [];
  for await (const msg of replies) answers.push(msg.data);
  return answers;
}

/**
 * Pushes an account JWT to the servers' full resolvers through the system account; the
 * servers connected now each answer, and one that is down takes it from its peers when it
 * comes back. Resolves with the names of the servers that stored it; any refusal throws.
 */
export async function pushAccountJwt(sys: NatsConnection, jwt: string): Promise<string[]> {
  let answers: Uint8Array[];
  try {
    answers = await askEveryServer(sys, '$SYS.REQ.CLAIMS.UPDATE', jwt);
  } catch (error) {
    throw new AccordError('E_UNAVAILABLE', `no server took the account update: ${errorMessage(error)}`, { cause: error, retryable: true });
  }
  const stored: string[] = [];
  for (const answer of answers) {
    const reply = parseReply(answer);
    if (reply.error || (reply.data?.code !== undefined && reply.data.code !== 200)) {
      const why = reply.error?.description ?? reply.data?.message ?? 'refused';
      throw new AccordError('E_FORBIDDEN', `server ${reply.server?.name ?? '?'} refused the account update: ${why}`);
    }
    stored.push(reply.server?.name ?? '?');
  }
  if (stored.length === 0) throw new AccordError('E_UNAVAILABLE', 'no server answered the account update', { retryable: true });
  return stored;
}

/** The account JWTs the servers hold now, one per server that has one. */
export async function lookupAccountJwts(sys: NatsConnection, account: string): Promise<string[]> {
  try {
    const answers = await askEveryServer(sys, `$SYS.REQ.ACCOUNT.${account}.CLAIMS.LOOKUP`, '');
    return answers.map((a) => new TextDecoder().decode(a).trim()).filter((text) => text.startsWith('ey'));
  } catch (error) {
    throw new AccordError('E_UNAVAILABLE', `cannot look up the account JWT: ${errorMessage(error)}`, { cause: error, retryable: true });
  }
}

export function revocationsOf(jwt: string | undefined): RevocationList {
  return jwt ? { ...decode<Account>(jwt).nats.revocations } : {};
}

/** The agency roles' scoped keys an account JWT lists, by role. */
function agencyScopesOf(claims: ClaimsData<Account> | undefined): [string, string][] {
  return (claims?.nats.signing_keys ?? []).flatMap((k) =>
    typeof k !== 'string' && isAgencyRole(k.role) ? [[k.role, k.key] as [string, string]] : [],
  );
}

export interface AccountChange {
  /** User public keys refused from now on, their connections closed. */
  revoke?: readonly string[];
  /** Agency roles whose key becomes the trust chain's own (new ones, or keys just replaced). */
  setRoles?: readonly string[];
  /** Agency roles whose scoped keys leave the account: no user they signed is accepted any more. */
  dropRoles?: readonly string[];
}

/**
 * Signs the Accord account anew and pushes it. The newest account known (of every
 * server's, and the one this folder last pushed, kept in the trust chain's account.jwt)
 * decides which agency roles exist and with which key: this change sets or drops only
 * the roles it names, so a folder that is behind (a second one, a restored backup) never
 * brings back an agency removed elsewhere, nor an old key replaced elsewhere. The bus
 * roles' keys and templates come from this trust chain and this version's permissions.
 * Revocations are the union of every copy, so servers that lost their resolver
 * directories do not bring revoked credentials back. No push is signed before the newest
 * known (the servers would keep theirs and answer as if they took it). Two folders
 * changing the account at the same moment may still lose one change.
 */
export async function updateAccount(sys: NatsConnection, trust: OnlineTrust, change: AccountChange = {}): Promise<string> {
  // The servers' copies first: of copies signed in the same second, theirs is kept (a stale folder's is not).
  const copies = [...(await lookupAccountJwts(sys, trust.public.account)), ...(trust.lastPushed ? [trust.lastPushed] : [])];
  const decoded = copies.map((jwt) => decode<Account>(jwt));
  const newest = decoded.reduce<ClaimsData<Account> | undefined>((a, b) => (!a || b.iat > a.iat ? b : a), undefined);
  const revocations: RevocationList = Object.assign({}, ...decoded.map((c) => c.nats.revocations ?? {}));
  for (const key of change.revoke ?? []) revocations[key] = Math.floor(Date.now() / 1000);

  const scopes = new Map<string, string>();
  for (const [role, kp] of trust.scopes) if (!isAgencyRole(role)) scopes.set(role, kp.getPublicKey());
  for (const [role, key] of agencyScopesOf(newest)) scopes.set(role, key);
  for (const role of change.setRoles ?? []) {
    const key = trust.scopes.get(role);
    if (!key) throw new AccordError('E_STATE', `no signing key for ${role} in ${trust.layout.online}`);
    scopes.set(role, key.getPublicKey());
  }
  for (const role of change.dropRoles ?? []) scopes.delete(role);

  if (newest) {
    const lead = newest.iat - Math.floor(Date.now() / 1000);
    if (lead > MAX_CLOCK_LEAD_S) {
      throw new AccordError(
        'E_STATE',
        `the servers' account was signed ${lead} s ahead of this machine's clock: set the clock right first`,
      );
    }
    // A server keeps its copy for an older one, and takes one of the same second: never older.
    while (Math.floor(Date.now() / 1000) < newest.iat) await sleep(100);
  }
  const jwt = await encodeAccount(ACCOUNT_NAME, trust.public.account, accordAccountClaims(scopes, revocations), {
    signer: trust.operatorSigning,
  });
  await pushAccountJwt(sys, jwt);
  trust.recordPushed(jwt);
  return jwt;
}
