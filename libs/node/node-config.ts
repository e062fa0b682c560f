import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { AccordError } from '../errors/index.js';
import { assertAgencyId } from '../registry/index.js';

/** NODE_DIR/node.json: what `accord node init` recorded. Paths are absolute. */
export interface NodeConfig {
  agency: string;
  /** One server URL, or a cluster's separated by commas. */
  natsUrl: string;
  caFile?: string;
  /** The node's own NATS credential (nkey seed or .creds). */
  credentials: string;
  /** The agency's private signing JWK: it never leaves the node. */
  signingKey: string;
  busPublicKey: string;
  auditPublicKey?: string;
  /** Views received longer ago than this are purged. */
  retentionDays: number;
}

export const DEFAULT_RETENTION_DAYS = 365;
export const MAX_RETENTION_DAYS = 36_500;

function requireString(raw: Record<string, unknown>, key: string, where: string, options: { path?: boolean } = {}): string {
  const value = raw[key];
  if (typeof value !== 'string' || value === '')
    throw new AccordError('E_CONFIG', `${where}: "${key}" must be a non-empty string`, { path: key });
  if (options.path && !isAbsolute(value))
    throw new AccordError('E_CONFIG', `${where}: "${key}" must be an absolute path, not ${value}`, { path: key });
  return value;
}

/** Checks node.json as read: every field named, typed and in range, nothing unknown. */
export function parseNodeConfig(parsed: unknown, where: string): NodeConfig {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new AccordError('E_CONFIG', `${where}: expected a JSON object`);
  const raw = parsed as Record<string, unknown>;
  const known = new Set(['agency', 'natsUrl', 'caFile', 'credentials', 'signingKey', 'busPublicKey', 'auditPublicKey', 'retentionDays']);
  const unknown = Object.keys(raw).filter((k) => !known.has(k));
  const [firstUnknown] = unknown;
  if (firstUnknown !== undefined)
    throw new AccordError('E_CONFIG', `${where}: unknown field(s) ${unknown.join(', ')}`, { path: firstUnknown });
  const agency = requireString(raw, 'agency', where);
  assertAgencyId(agency, `${where}: agency`);
  const retention = raw.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (typeof retention !== 'number' || !Number.isInteger(retention) || retention < 1 || retention > MAX_RETENTION_DAYS) {
    throw new AccordError('E_CONFIG', `${where}: "retentionDays" must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}`, {
      path: 'retentionDays',
    });
  }
  const config: NodeConfig = {
    agency,
    natsUrl: requireString(raw, 'natsUrl', where),
    credentials: requireString(raw, 'credentials', where, { path: true }),
    signingKey: requireString(raw, 'signingKey', where, { path: true }),
    busPublicKey: requireString(raw, 'busPublicKey', where, { path: true }),
    retentionDays: retention,
  };
  if (raw.caFile !== undefined) config.caFile = requireString(raw, 'caFile', where, { path: true });
  if (raw.auditPublicKey !== undefined) config.auditPublicKey = requireString(raw, 'auditPublicKey', where, { path: true });
  return config;
}

export function readNodeConfig(path: string): NodeConfig {
  if (!existsSync(path)) throw new AccordError('E_NOT_FOUND', `${path} does not exist: set the node up with \`accord node init\``);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AccordError('E_CONFIG', `${path} is not valid JSON`, { cause: error });
  }
  return parseNodeConfig(parsed, path);
}

export function writeNodeConfig(path: string, config: NodeConfig): void {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
