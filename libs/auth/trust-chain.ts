import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeAccount, encodeOperator, encodeUser, fmtCreds, type Account } from '@nats-io/jwt';
import { createAccount, createOperator, createUser, fromSeed, type KeyPair } from '@nats-io/nkeys';
import { writeSecretFile } from '../config/index.js';
import { AccordError, errorMessage } from '../errors/index.js';
import type { Identity } from '../bus/index.js';
import { ACCOUNT_NAME, accordAccountClaims, UNLIMITED_NATS } from './account-claims.js';
import { BUS_ROLES, isAgencyRole, scopeRoleOf, type BusRole } from './scope-roles.js';
import { resolverConfig } from './resolver-config.js';
import { trustLayout, type TrustLayout } from './trust-layout.js';

/** The public half of a trust chain (trust.json): what servers and verifiers need, no secret. */
export interface TrustPublic {
  name: string;
  operator: string;
  operatorSigningKey: string;
  systemAccount: string;
  /** The Accord account: every stream and every identity of the bus lives in it. */
  account: string;
  /** The bus roles' scoped keys; agencies' keys are added as agencies are (see OnlineTrust). */
  scopes: Record<BusRole, string>;
}

/**
 * What the administration verbs sign with: the online keys (the system user's credential,
 * which pushes account JWTs, stays a file: layout.systemUserCreds). The offline ones stay
 * out of it.
 */
export interface OnlineTrust {
  layout: TrustLayout;
  public: TrustPublic;
  operatorSigning: KeyPair;
  /** Every scoped signing key by role: the bus roles', and each agency identity's. */
  scopes: Map<string, KeyPair>;
  /** The Accord account as this folder last pushed it (or first made it). */
  lastPushed: string | undefined;
  /** Keeps a pushed account JWT as `lastPushed`, in the folder too. */
  recordPushed(jwt: string): void;
}

const OPERATOR_NAME = 'accord';
const SYSTEM_ACCOUNT_NAME = 'SYS';

const seedText = (kp: KeyPair): string => `${new TextDecoder().decode(kp.getSeed())}\n`;

function writeSeed(path: string, kp: KeyPair): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeSecretFile(path, seedText(kp));
}

function writePublic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
}

/** A user of the system account (it pushes account JWTs), or the Accord account's offline admin. */
async function userCreds(name: string, issuer: KeyPair, claims: Parameters<typeof encodeUser>[3] = {}): Promise<string> {
  const user = createUser();
  return new TextDecoder().decode(fmtCreds(await encodeUser(name, user, issuer, claims), user));
}

/**
 * A new trust chain in `dirArg`: the operator (its identity key signs only the operator
 * JWT, which names an online signing key and the system account), the system account,
 * and the Accord account with JetStream and one scoped signing key per bus role; a system
 * user that pushes account updates; the offline admin, signed by the account's identity
 * key with no limits (the only user that may rewrite the audit streams). Refuses a folder
 * that already holds one: a chain is made once, and its keys replaced one by one.
 */
export async function createTrustChain(dirArg: string): Promise<OnlineTrust> {
  const layout = trustLayout(dirArg);
  if (existsSync(layout.trust)) throw new AccordError('E_EXISTS', `${layout.trust} exists: a trust chain is already there`);
  const operator = createOperator();
  const operatorSigning = createOperator();
  const system = createAccount();
  const account = createAccount();
  const scopes = new Map<string, KeyPair>(BUS_ROLES.map((r) => [r, createAccount()]));
  const pub: TrustPublic = {
    name: OPERATOR_NAME,
    operator: operator.getPublicKey(),
    operatorSigningKey: operatorSigning.getPublicKey(),
    systemAccount: system.getPublicKey(),
    account: account.getPublicKey(),
    scopes: Object.fromEntries([...scopes].map(([r, kp]) => [r, kp.getPublicKey()])) as Record<BusRole, string>,
  };
  const operatorJwt = await encodeOperator(OPERATOR_NAME, operator, {
    signing_keys: [pub.operatorSigningKey],
    system_account: pub.systemAccount,
  });
  const systemClaims: Partial<Account> = { limits: { ...UNLIMITED_NATS } };
  const systemJwt = await encodeAccount(SYSTEM_ACCOUNT_NAME, pub.systemAccount, systemClaims, { signer: operatorSigning });
  const accountJwt = await encodeAccount(ACCOUNT_NAME, pub.account, accordAccountClaims(new Map(Object.entries(pub.scopes)), {}), {
    signer: operatorSigning,
  });

  writeSeed(layout.operatorSeed, operator);
  writeSeed(layout.systemAccountSeed, system);
  writeSeed(layout.accountSeed, account);
  writeSecretFile(layout.adminCreds, await userCreds('admin', account));
  writeSeed(layout.operatorSigningSeed, operatorSigning);
  for (const [role, kp] of scopes) writeSeed(layout.scopeSeed(role), kp);
  writeSecretFile(layout.systemUserCreds, await userCreds('system-push', system));
  writePublic(layout.operatorJwt, operatorJwt);
  writePublic(layout.systemAccountJwt, systemJwt);
  writePublic(layout.accountJwt, accountJwt);
  writePublic(layout.resolverConf, resolverConfig({ operatorJwt, systemAccount: pub.systemAccount, systemAccountJwt: systemJwt }));
  writePublic(layout.trust, JSON.stringify(pub, null, 2));
  return onlineTrust(layout, pub, operatorSigning, scopes);
}

function onlineTrust(layout: TrustLayout, pub: TrustPublic, operatorSigning: KeyPair, scopes: Map<string, KeyPair>): OnlineTrust {
  const trust: OnlineTrust = {
    layout,
    public: pub,
    operatorSigning,
    scopes,
    lastPushed: existsSync(layout.accountJwt) ? readFileSync(layout.accountJwt, 'utf8').trim() : undefined,
    recordPushed(jwt) {
      writeFileSync(`${layout.accountJwt}.tmp`, `${jwt}\n`);
      renameSync(`${layout.accountJwt}.tmp`, layout.accountJwt);
      trust.lastPushed = jwt;
    },
  };
  return trust;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new AccordError('E_CONFIG', `cannot read ${what} ${path}: ${errorMessage(error)}`, { cause: error });
  }
}

function readSeed(path: string, what: string, expectedPublic?: string): KeyPair {
  let kp: KeyPair;
  try {
    kp = fromSeed(new TextEncoder().encode(readText(path, what)));
  } catch (error) {
    if (error instanceof AccordError) throw error;
    throw new AccordError('E_CONFIG', `${path}: ${what} is not an nkey seed (${errorMessage(error)})`, { cause: error });
  }
  if (expectedPublic !== undefined && kp.getPublicKey() !== expectedPublic) {
    throw new AccordError('E_CONFIG', `${path}: ${what} is not the key trust.json names (${expectedPublic})`);
  }
  return kp;
}

export function readTrustPublic(dirArg: string): TrustPublic {
  const layout = trustLayout(dirArg);
  try {
    return JSON.parse(readText(layout.trust, 'the trust chain')) as TrustPublic;
  } catch (error) {
    if (error instanceof AccordError) throw error;
    throw new AccordError('E_CONFIG', `${layout.trust} is not valid JSON: ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * The online part of a trust chain (no offline key is read), checked against trust.json.
 * A bus role this version has and the chain lacks (a service added since it was made)
 * gets a key now, recorded in trust.json; the next account update brings it to the servers.
 */
export function readOnlineTrust(dirArg: string): OnlineTrust {
  const layout = trustLayout(dirArg);
  const pub = readTrustPublic(dirArg);
  const scopes = new Map<string, KeyPair>();
  for (const role of BUS_ROLES) {
    const known = pub.scopes[role] as string | undefined;
    if (known) {
      scopes.set(role, readSeed(layout.scopeSeed(role), `the ${role} signing key`, known));
      continue;
    }
    const key = createAccount();
    writeSeed(layout.scopeSeed(role), key);
    pub.scopes[role] = key.getPublicKey();
    scopes.set(role, key);
    writePublic(layout.trust, JSON.stringify(pub, null, 2));
  }
  for (const file of existsSync(layout.scopes) ? readdirSync(layout.scopes) : []) {
    const role = file.replace(/\.nk$/, '');
    if (isAgencyRole(role)) scopes.set(role, readSeed(layout.scopeSeed(role), `the ${role} signing key`));
  }
  return onlineTrust(layout, pub, readSeed(layout.operatorSigningSeed, 'the operator signing key', pub.operatorSigningKey), scopes);
}

export function hasTrustChain(dirArg: string): boolean {
  return existsSync(trustLayout(dirArg).trust);
}

/**
 * A new scoped signing key for an agency identity, written into the trust chain's online
 * keys in place of any it had; returns its role. Once pushed (AccountChange.setRoles),
 * every user the old key signed is refused: a rotation or a removal needs no revocation
 * list that grows. Undefined for other identities.
 */
export function newAgencyScope(trust: OnlineTrust, identity: Identity): string | undefined {
  const role = scopeRoleOf(identity);
  if (!role || !isAgencyRole(role)) return undefined;
  const key = createAccount();
  writeSeed(trust.layout.scopeSeed(role), key);
  trust.scopes.set(role, key);
  return role;
}
