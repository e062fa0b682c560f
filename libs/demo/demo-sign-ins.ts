import { existsSync, readFileSync } from 'node:fs';
import { writeSecretFile } from '../config/index.js';
import { AccordError, errorMessage } from '../errors/index.js';
import { isOfficerRole, type OfficerRole } from '../node/index.js';

/**
 * What `make run` keeps of a demo account it created, so it can show it again: the
 * one-time password and the TOTP secret the node printed once. Demo accounts only, in
 * a git-ignored folder, mode 0600; a real node's secrets are never written anywhere.
 */
export interface StoredSignIn {
  role: OfficerRole;
  oneTimePassword: string;
  totpSecret?: string;
  totpUri?: string;
}

/** Per agency, per officer name. */
export type StoredSignIns = Record<string, Record<string, StoredSignIn>>;

const NOTE = 'Demo sign-ins of `make run` (scripts/run-local.ts): one-time passwords and TOTP secrets, for demo nodes only.';

function fail(path: string, what: string): never {
  throw new AccordError('E_CONFIG', `${path}: ${what} (remove the file to start afresh: the demo nodes then need setting up again)`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseSignIn(raw: unknown, path: string, where: string): StoredSignIn {
  if (!isObject(raw)) fail(path, `${where} is not an object`);
  const { role, oneTimePassword, totpSecret, totpUri } = raw;
  if (typeof role !== 'string' || !isOfficerRole(role)) fail(path, `${where}.role is not officer, supervisor or admin`);
  if (typeof oneTimePassword !== 'string' || oneTimePassword === '') fail(path, `${where}.oneTimePassword is missing`);
  const signIn: StoredSignIn = { role, oneTimePassword };
  if (totpSecret !== undefined) {
    if (typeof totpSecret !== 'string') fail(path, `${where}.totpSecret is not a string`);
    signIn.totpSecret = totpSecret;
  }
  if (totpUri !== undefined) {
    if (typeof totpUri !== 'string') fail(path, `${where}.totpUri is not a string`);
    signIn.totpUri = totpUri;
  }
  return signIn;
}

/** The file as written by `writeSignIns`; none yet is an empty set. */
export function readSignIns(path: string): StoredSignIns {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(path, `not valid JSON: ${errorMessage(error)}`);
  }
  if (!isObject(parsed) || !isObject(parsed.nodes)) fail(path, 'expected {"nodes": {...}}');
  const signIns: StoredSignIns = {};
  for (const [agency, accounts] of Object.entries(parsed.nodes)) {
    if (!isObject(accounts)) fail(path, `nodes.${agency} is not an object`);
    signIns[agency] = {};
    for (const [name, raw] of Object.entries(accounts)) signIns[agency][name] = parseSignIn(raw, path, `nodes.${agency}.${name}`);
  }
  return signIns;
}

export function writeSignIns(path: string, signIns: StoredSignIns): void {
  writeSecretFile(path, `${JSON.stringify({ note: NOTE, nodes: signIns }, null, 2)}\n`);
}
