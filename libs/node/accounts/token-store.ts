import { createHash, randomBytes } from 'node:crypto';
import { AccordError } from '../../errors/index.js';
import type { NodeDatabase } from '../node-database.js';
import { assertOfficerName } from './officer-name.js';
import { isPrimaryKeyClash } from './sqlite-errors.js';
import { checkScopes, type TokenScope } from './token-scopes.js';

/** An API token as the node shows it: the token itself is never kept. */
export interface ApiToken {
  name: string;
  scopes: TokenScope[];
  createdAt: string;
  revoked: boolean;
  lastUsedAt?: string;
}

const TOKEN_PREFIX = 'acn_';
const TOKEN_BYTES = 32;
const TOKEN = /^acn_[A-Za-z0-9_-]{43}$/;

interface TokenRow {
  name: string;
  scopes: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function apiTokenOf(row: TokenRow): ApiToken {
  const info: ApiToken = {
    name: row.name,
    scopes: checkScopes(row.scopes.split(',')),
    createdAt: row.created_at,
    revoked: row.revoked_at !== null,
  };
  if (row.last_used_at !== null) info.lastUsedAt = row.last_used_at;
  return info;
}

/**
 * API tokens of the agency's systems (`Authorization: Bearer acn_...`). A token is 32
 * random bytes; the node keeps its SHA-256 only, which is enough for so much entropy.
 */
export class TokenStore {
  readonly counts = { used: 0, refused: 0 };

  constructor(private readonly db: NodeDatabase) {}

  create(name: string, scopes: TokenScope[], now: Date = new Date()): { token: string; info: ApiToken } {
    assertOfficerName(name, 'token name');
    const checked = checkScopes(scopes);
    if (this.row(name)) throw new AccordError('E_EXISTS', `a token named ${name} exists (revoked tokens keep their name)`);
    const token = `${TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
    try {
      this.db
        .prepare<[string, string, string, string]>('INSERT INTO api_tokens (name, token_hash, scopes, created_at) VALUES (?, ?, ?, ?)')
        .run(name, tokenHash(token), checked.join(','), now.toISOString());
    } catch (error) {
      if (isPrimaryKeyClash(error)) throw new AccordError('E_EXISTS', `a token named ${name} exists`, { cause: error });
      throw error;
    }
    const row = this.row(name);
    if (!row) throw new AccordError('E_STATE', `token ${name} vanished as it was created`);
    return { token, info: apiTokenOf(row) };
  }

  /**
   * The token's record; undefined for an unknown or revoked token. Reading writes nothing
   * (a refused request must leave the database as it was): `touch` records a use.
   */
  resolve(token: string): ApiToken | undefined {
    const row = TOKEN.test(token)
      ? this.db
          .prepare<[string], TokenRow>('SELECT name, scopes, created_at, revoked_at, last_used_at FROM api_tokens WHERE token_hash = ?')
          .get(tokenHash(token))
      : undefined;
    if (!row || row.revoked_at !== null) {
      this.counts.refused += 1;
      return undefined;
    }
    this.counts.used += 1;
    return apiTokenOf(row);
  }

  /** A request with the token was served: its last use is now. */
  touch(name: string, now: Date = new Date()): void {
    this.db.prepare<[string, string]>('UPDATE api_tokens SET last_used_at = ? WHERE name = ?').run(now.toISOString(), name);
  }

  /** Refused from now on; revoking a revoked token keeps its first revocation time. */
  revoke(name: string, now: Date = new Date()): void {
    const changed = this.db
      .prepare<[string, string]>('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE name = ?')
      .run(now.toISOString(), name);
    if (changed.changes === 0) throw new AccordError('E_NOT_FOUND', `no token named ${JSON.stringify(name)} on this node`);
  }

  /** True while the token exists and is not revoked (an open event stream checks it as it goes). */
  active(name: string): boolean {
    const row = this.row(name);
    return row !== undefined && row.revoked_at === null;
  }

  list(): ApiToken[] {
    return this.db
      .prepare<[], TokenRow>('SELECT name, scopes, created_at, revoked_at, last_used_at FROM api_tokens ORDER BY name')
      .all()
      .map(apiTokenOf);
  }

  private row(name: string): TokenRow | undefined {
    return this.db
      .prepare<[string], TokenRow>('SELECT name, scopes, created_at, revoked_at, last_used_at FROM api_tokens WHERE name = ?')
      .get(name);
  }
}
