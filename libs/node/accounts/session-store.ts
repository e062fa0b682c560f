import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AccordError } from '../../errors/index.js';
import type { NodeDatabase } from '../node-database.js';
import type { Officer } from './officer.js';
import type { OfficerStore } from './officer-store.js';

export interface Session {
  officer: Officer;
  /** To be echoed by the browser in a header on every state-changing request. */
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  /** The officer logged in with a one-time password: a new one is all this session may set. */
  passwordChangeRequired: boolean;
}

export interface SessionSettings {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after its login, however busy. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMs: 15 * 60_000, absoluteMs: 8 * 60 * 60_000 };

const ID_BYTES = 32;
const CSRF_BYTES = 32;
/** base64url of 32 bytes, twice: the id, then its HMAC. */
const COOKIE = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

interface SessionRow {
  officer: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function checkedSettings(settings: SessionSettings): SessionSettings {
  for (const [key, value] of Object.entries(settings)) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new AccordError('E_CONFIG', `session setting ${key} must be a whole number of milliseconds from 1, not ${value}`, {
        path: key,
      });
  }
  return settings;
}

/**
 * Officers' browser sessions. The cookie carries a random id and its HMAC under the
 * node's session secret; the database keeps only the id's SHA-256, so a copy of node.db
 * gives no cookie, and a cookie forged or made by another node fails before any lookup.
 */
export class SessionStore {
  private readonly settings: SessionSettings;

  constructor(
    private readonly db: NodeDatabase,
    private readonly secret: Buffer,
    private readonly officers: OfficerStore,
    settings: Partial<SessionSettings> = {},
  ) {
    if (secret.length < 32) throw new AccordError('E_CONFIG', `the session secret must have at least 32 bytes, not ${secret.length}`);
    this.settings = checkedSettings({ ...DEFAULT_SESSION_SETTINGS, ...settings });
  }

  /** A new session of the officer (who must exist and not be disabled); expired sessions go on the way. */
  create(officerName: string, now: Date = new Date()): { cookie: string; csrfToken: string } {
    const officer = this.officers.get(officerName);
    if (!officer) throw new AccordError('E_NOT_FOUND', `no officer ${JSON.stringify(officerName)} on this node`);
    if (officer.disabled) throw new AccordError('E_FORBIDDEN', `officer ${officerName} is disabled`);
    const id = randomBytes(ID_BYTES);
    const csrfToken = randomBytes(CSRF_BYTES).toString('base64url');
    const at = now.toISOString();
    this.purgeExpired(now);
    this.db
      .prepare<[string, string, string, string, string]>(
        'INSERT INTO sessions (id_hash, officer, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(sha256Hex(id), officerName, csrfToken, at, at);
    return { cookie: `${id.toString('base64url')}.${this.mac(id).toString('base64url')}`, csrfToken };
  }

  /**
   * The live session the cookie names; undefined for any other cookie. Reading writes
   * nothing (a refused request must leave the database as it was): `touch` records a use.
   */
  resolve(cookie: string, now: Date = new Date()): Session | undefined {
    const idHash = this.idHashOf(cookie);
    if (idHash === undefined) return undefined;
    const row = this.db
      .prepare<[string], SessionRow>('SELECT officer, csrf_token, created_at, last_seen_at FROM sessions WHERE id_hash = ?')
      .get(idHash);
    if (!row) return undefined;
    const officer = this.officers.get(row.officer);
    const idle = now.getTime() - Date.parse(row.last_seen_at) > this.settings.idleMs;
    const old = now.getTime() - Date.parse(row.created_at) > this.settings.absoluteMs;
    if (!officer || officer.disabled || idle || old) {
      this.db.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
      return undefined;
    }
    return {
      officer,
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      passwordChangeRequired: officer.passwordChangeRequired,
    };
  }

  /** A request the session made was served: its idle time starts again. */
  touch(cookie: string, now: Date = new Date()): void {
    const idHash = this.idHashOf(cookie);
    if (idHash === undefined) return;
    this.db
      .prepare<[string, string, string]>('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?')
      .run(now.toISOString(), idHash, now.toISOString());
  }

  /** Logs the session out; a cookie that names none is ignored. */
  end(cookie: string): void {
    const idHash = this.idHashOf(cookie);
    if (idHash !== undefined) this.db.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  /** Deletes the sessions past their idle or absolute limit; returns how many. */
  purgeExpired(now: Date = new Date()): number {
    const idleBefore = new Date(now.getTime() - this.settings.idleMs).toISOString();
    const createdBefore = new Date(now.getTime() - this.settings.absoluteMs).toISOString();
    return this.db.prepare<[string, string]>('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?').run(idleBefore, createdBefore)
      .changes;
  }

  private mac(id: Uint8Array): Buffer {
    return createHmac('sha256', this.secret).update(id).digest();
  }

  /** The stored hash of the cookie's id, once its HMAC is checked; undefined for a malformed or forged cookie. */
  private idHashOf(cookie: string): string | undefined {
    const match = COOKIE.exec(cookie);
    if (!match) return undefined;
    const [, idText = '', macText = ''] = match;
    const id = Buffer.from(idText, 'base64url');
    const mac = Buffer.from(macText, 'base64url');
    if (id.toString('base64url') !== idText || mac.toString('base64url') !== macText) return undefined;
    return timingSafeEqual(mac, this.mac(id)) ? sha256Hex(id) : undefined;
  }
}
