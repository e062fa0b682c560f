import { randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { fromSeed } from '@nats-io/nkeys';
import { readStackFile } from '../client/index.js';
import { readSecretFile, writeSecretFile } from '../config/index.js';
import { AccordError, errorMessage } from '../errors/index.js';
import { assertAgencyId } from '../registry/index.js';
import { parsePublicJwk, signingKeyFromJwk } from '../signing/index.js';
import { issueNodeAccessIn } from '../context/index.js';
import {
  DEFAULT_RETENTION_DAYS,
  MAX_RETENTION_DAYS,
  parseNodeConfig,
  readNodeConfig,
  writeNodeConfig,
  type NodeConfig,
} from './node-config.js';
import { openNodeDatabase } from './node-database.js';
import { nodeLayout, type NodeLayout } from './node-layout.js';
import { newViewKey } from './view-cipher.js';

/** Where a new node's bus access and files come from. */
export type NodeSource =
  /** A stack on this machine: the node's access is issued there, its credential used in place. */
  | { stack: string; signingKey?: string }
  /** What the bus's operator handed over (`accord agency node-access`), copied into the node. */
  | { natsUrl: string; caFile: string; credentials: string; signingKey: string; busPublicKey: string; auditPublicKey?: string };

export interface InitNodeResult {
  layout: NodeLayout;
  config: NodeConfig;
}

const SESSION_SECRET_BYTES = 32;

/** A file's bytes, read for the option that named it. */
async function optionFile(path: string, option: string, what: string): Promise<Buffer> {
  if (!existsSync(path)) throw new AccordError('E_CONFIG', `${option} ${path}: no such file (give the path of ${what})`);
  return readSecretFile(path, `${what} (${option})`);
}

function jsonOf(bytes: Buffer, path: string, option: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    throw new AccordError('E_CONFIG', `${option} ${path} is not a JWK (not valid JSON: ${errorMessage(error)})`, { cause: error });
  }
}

async function signingKeyFile(path: string, option: string): Promise<Buffer> {
  const bytes = await optionFile(path, option, "the agency's private signing key (a JWK from `accord keys generate`)");
  await signingKeyFromJwk(jsonOf(bytes, path, option), `${option} ${path}`);
  return bytes;
}

async function publicKeyFile(path: string, option: string, what: string): Promise<Buffer> {
  const bytes = await optionFile(path, option, what);
  await parsePublicJwk(jsonOf(bytes, path, option), `${option} ${path}`);
  return bytes;
}

async function caFile(path: string, option: string): Promise<Buffer> {
  const bytes = await optionFile(path, option, "the bus's CA certificate (PEM)");
  try {
    new X509Certificate(bytes);
  } catch (error) {
    throw new AccordError('E_CONFIG', `${option} ${path} is not a PEM certificate: ${errorMessage(error)}`, { cause: error });
  }
  return bytes;
}

/** A NATS user's nkey seed, or a .creds file (a user JWT and its seed). */
async function credentialsFile(path: string, option: string): Promise<Buffer> {
  const bytes = await optionFile(path, option, 'the node credential from `accord agency node-access`');
  const text = bytes.toString('utf8').trim();
  if (text.includes('BEGIN NATS USER JWT') && text.includes('BEGIN USER NKEY SEED')) return bytes;
  let user = false;
  try {
    user = fromSeed(new TextEncoder().encode(text)).getPublicKey().startsWith('U');
  } catch {
    user = false;
  }
  if (!user) throw new AccordError('E_CONFIG', `${option} ${path} is neither a NATS user's nkey seed nor a .creds file`);
  return bytes;
}

function checkRetention(days: number | undefined): number {
  const retentionDays = days ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS) {
    throw new AccordError('E_USAGE', `--retention-days ${retentionDays}: expected a whole number of days from 1 to ${MAX_RETENTION_DAYS}`);
  }
  return retentionDays;
}

function makeFolders(layout: NodeLayout): void {
  mkdirSync(layout.dir, { recursive: true, mode: 0o700 });
  mkdirSync(layout.secrets, { recursive: true, mode: 0o700 });
  chmodSync(layout.secrets, 0o700);
}

function createDatabase(layout: NodeLayout): void {
  openNodeDatabase(layout.database).close();
  chmodSync(layout.database, 0o600);
}

/** What a node is made of before anything is written: its configuration and the files to copy in. */
interface NodePlan {
  config: NodeConfig;
  files: { path: string; bytes: Buffer }[];
}

function checkNatsUrl(natsUrl: string): void {
  for (const part of natsUrl.split(',').map((u) => u.trim())) {
    let url: URL | undefined;
    try {
      url = new URL(part.includes('://') ? part : `nats://${part}`);
    } catch {
      url = undefined;
    }
    if (!url || !['nats:', 'tls:'].includes(url.protocol) || url.hostname === '') {
      throw new AccordError('E_USAGE', `--nats ${natsUrl}: expected URLs such as tls://bus.example.org:4222, separated by commas`);
    }
  }
}

/** A stack on this machine: the files it names, and the node's access issued on it last. */
async function planFromStack(layout: NodeLayout, agency: string, source: { stack: string; signingKey?: string }): Promise<NodePlan> {
  const stack = readStackFile(source.stack);
  const entry = stack.agencies[agency];
  if (!entry) throw new AccordError('E_NOT_FOUND', `agency ${agency} is not registered on the stack in ${source.stack}`);
  const keyFile = source.signingKey ?? entry.signingKey;
  if (keyFile === undefined) {
    throw new AccordError(
      'E_CONFIG',
      `the stack in ${source.stack} holds no demo key of ${agency} (it was registered with its own public key): give its private key with --key FILE`,
    );
  }
  const keyOption = source.signingKey ? '--key' : `the stack's signingKey of ${agency}`;
  const files = [
    { path: layout.signingKey, bytes: await signingKeyFile(keyFile, keyOption) },
    { path: layout.busPublicKey, bytes: await publicKeyFile(stack.busPublicKey, "the stack's busPublicKey", "the bus's public key") },
  ];
  if (stack.auditPublicKey) {
    const bytes = await publicKeyFile(stack.auditPublicKey, "the stack's auditPublicKey", 'the audit public key');
    files.push({ path: layout.auditPublicKey, bytes });
  }
  if (stack.caFile) files.push({ path: layout.caFile, bytes: await caFile(stack.caFile, "the stack's caFile") });
  // The stack's own seed file, not a copy: `agency rotate-creds` renews it in place.
  const { credentials } = await issueNodeAccessIn(source.stack, agency);
  const config: NodeConfig = {
    agency,
    natsUrl: stack.natsUrl,
    credentials,
    signingKey: layout.signingKey,
    busPublicKey: layout.busPublicKey,
    retentionDays: DEFAULT_RETENTION_DAYS,
  };
  if (stack.caFile) config.caFile = layout.caFile;
  if (stack.auditPublicKey) config.auditPublicKey = layout.auditPublicKey;
  return { config, files };
}

/** The files the bus's operator handed over, each checked, all copied into the node. */
async function planFromFiles(layout: NodeLayout, agency: string, source: Exclude<NodeSource, { stack: string }>): Promise<NodePlan> {
  checkNatsUrl(source.natsUrl);
  const files = [
    { path: layout.caFile, bytes: await caFile(source.caFile, '--ca') },
    { path: layout.credentials, bytes: await credentialsFile(source.credentials, '--creds') },
    { path: layout.signingKey, bytes: await signingKeyFile(source.signingKey, '--key') },
    {
      path: layout.busPublicKey,
      bytes: await publicKeyFile(source.busPublicKey, '--bus-public-key', "the bus's public key (bus-signing.jwk.pub)"),
    },
  ];
  if (source.auditPublicKey) {
    const bytes = await publicKeyFile(source.auditPublicKey, '--audit-public-key', 'the audit public key (audit-signing.jwk.pub)');
    files.push({ path: layout.auditPublicKey, bytes });
  }
  const config: NodeConfig = {
    agency,
    natsUrl: source.natsUrl,
    caFile: layout.caFile,
    credentials: layout.credentials,
    signingKey: layout.signingKey,
    busPublicKey: layout.busPublicKey,
    retentionDays: DEFAULT_RETENTION_DAYS,
  };
  if (source.auditPublicKey) config.auditPublicKey = layout.auditPublicKey;
  return { config, files };
}

/**
 * Sets a node up in NODE_DIR: its configuration, a copy of what it verifies with (the
 * bus's CA and public keys) and signs with (the agency's private key), a new view key and
 * session secret, and its database. Every file is checked before anything is written;
 * node.json is written last, so a folder without it is no node yet. A folder that is
 * already a node is refused: renewed credentials go through `renewNodeCredentials`.
 */
export async function initNode(
  dir: string,
  agency: string,
  source: NodeSource,
  options: { retentionDays?: number } = {},
): Promise<InitNodeResult> {
  assertAgencyId(agency, '--agency');
  const layout = nodeLayout(dir);
  if (existsSync(layout.config)) {
    throw new AccordError(
      'E_EXISTS',
      `${layout.config} exists: ${layout.dir} is already a node (to take renewed credentials: --renew-creds)`,
    );
  }
  const retentionDays = checkRetention(options.retentionDays);
  const plan = 'stack' in source ? await planFromStack(layout, agency, source) : await planFromFiles(layout, agency, source);
  const config = parseNodeConfig({ ...plan.config, retentionDays }, layout.config);
  makeFolders(layout);
  for (const { path, bytes } of plan.files) writeSecretFile(path, bytes);
  writeSecretFile(layout.viewKey, newViewKey());
  writeSecretFile(layout.sessionSecret, randomBytes(SESSION_SECRET_BYTES));
  createDatabase(layout);
  writeNodeConfig(layout.config, config);
  return { layout, config };
}

/** Where a node's renewed credential comes from. */
export type RenewedCredentials = { stack: string } | { credentials: string };

/**
 * Points an existing node at its renewed credential, keeping its database and keys: the
 * stack's seed file (re-issuing nothing: `agency rotate-creds` renewed it), or a copy of
 * the file the operator handed over.
 */
export async function renewNodeCredentials(dir: string, source: RenewedCredentials, agency?: string): Promise<InitNodeResult> {
  const layout = nodeLayout(dir);
  if (!existsSync(layout.config)) {
    throw new AccordError('E_NOT_FOUND', `${layout.config} does not exist: --renew-creds is for a node already set up (drop it)`);
  }
  const config = readNodeConfig(layout.config);
  if (agency !== undefined && agency !== config.agency) {
    throw new AccordError('E_USAGE', `--agency ${agency}: the node in ${layout.dir} is ${config.agency}'s`);
  }
  if ('stack' in source) {
    config.credentials = (await issueNodeAccessIn(source.stack, config.agency)).credentials;
  } else {
    const bytes = await credentialsFile(source.credentials, '--creds');
    makeFolders(layout);
    writeSecretFile(layout.credentials, bytes);
    config.credentials = layout.credentials;
  }
  writeNodeConfig(layout.config, config);
  return { layout, config };
}
