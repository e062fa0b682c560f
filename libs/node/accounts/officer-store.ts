import { AccordError } from '../../errors/index.js';
import type { NodeDatabase } from '../node-database.js';
import type { ViewCipher } from '../view-cipher.js';
import { assertOfficerName } from './officer-name.js';
import {
  isOfficerRole,
  officerOf,
  readOfficerRow,
  roleNeedsTotp,
  totpAssociated,
  type Officer,
  type OfficerRole,
  type OfficerRow,
} from './officer.js';
import { assertPasswordRule, hashPassword, newOneTimePassword, verifyPassword } from './passwords.js';
import { isPrimaryKeyClash } from './sqlite-errors.js';
import { newTotpSecret, totpUri } from './totp.js';

export interface NewOfficer {
  officer: Officer;
  /** Shown once to whoever added the officer; good for one login, then changed. */
  oneTimePassword: string;
  /** otpauth://totp/... for supervisors and admins, shown once. */
  totpUri?: string;
}

/** The node's officer accounts. Passwords are kept as Argon2id hashes, TOTP secrets sealed. */
export class OfficerStore {
  constructor(
    private readonly db: NodeDatabase,
    private readonly cipher: ViewCipher,
    private readonly agency: string,
  ) {}

  async add(name: string, role: OfficerRole, now: Date = new Date()): Promise<NewOfficer> {
    assertOfficerName(name);
    if (!isOfficerRole(role)) throw new AccordError('E_USAGE', `role ${JSON.stringify(role)}: expected officer, supervisor or admin`);
    if (readOfficerRow(this.db, name)) throw new AccordError('E_EXISTS', `officer ${name} exists`);
    const oneTimePassword = newOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const secret = roleNeedsTotp(role) ? newTotpSecret() : undefined;
    const sealed = secret === undefined ? null : this.cipher.seal(Buffer.from(secret, 'utf8'), totpAssociated(name));
    try {
      this.db
        .prepare<[string, string, string, Buffer | null, string]>(
          `INSERT INTO officers (name, role, password_hash, password_change_required, totp_sealed, created_at)
           VALUES (?, ?, ?, 1, ?, ?)`,
        )
        .run(name, role, passwordHash, sealed, now.toISOString());
    } catch (error) {
      if (isPrimaryKeyClash(error)) throw new AccordError('E_EXISTS', `officer ${name} exists`, { cause: error });
      throw error;
    }
    const officer = this.get(name);
    if (!officer) throw new AccordError('E_STATE', `officer ${name} vanished as it was added`);
    return secret === undefined ? { officer, oneTimePassword } : { officer, oneTimePassword, totpUri: totpUri(this.agency, name, secret) };
  }

  /** The officer can no longer log in, and every session of theirs ends now. */
  disable(name: string, now: Date = new Date()): void {
    this.db.transaction(() => {
      const changed = this.db
        .prepare<[string, string]>('UPDATE officers SET disabled_at = coalesce(disabled_at, ?) WHERE name = ?')
        .run(now.toISOString(), name);
      if (changed.changes === 0) throw new AccordError('E_NOT_FOUND', `no officer ${JSON.stringify(name)} on this node`);
      this.db.prepare<[string]>('DELETE FROM sessions WHERE officer = ?').run(name);
    })();
  }

  /**
   * A fresh start for an account (a forgotten password, a lost authenticator, a one-time
   * password spent without choosing a password, or a disabled account taken back into
   * use): a new one-time password and, for supervisors and admins, a new TOTP secret;
   * the account is enabled, and every session of the officer ends now.
   */
  async reset(name: string): Promise<NewOfficer> {
    const row = readOfficerRow(this.db, name);
    if (!row) throw new AccordError('E_NOT_FOUND', `no officer ${JSON.stringify(name)} on this node`);
    const role = officerOf(row).role;
    const oneTimePassword = newOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const secret = roleNeedsTotp(role) ? newTotpSecret() : undefined;
    const sealed = secret === undefined ? null : this.cipher.seal(Buffer.from(secret, 'utf8'), totpAssociated(name));
    this.db.transaction(() => {
      this.db
        .prepare<[string, Buffer | null, string]>(
          `UPDATE officers SET password_hash = ?, password_change_required = 1, one_time_used_at = NULL, totp_sealed = ?,
           totp_last_step = NULL, failed_logins = 0, locked_until = NULL, disabled_at = NULL WHERE name = ?`,
        )
        .run(passwordHash, sealed, name);
      this.db.prepare<[string]>('DELETE FROM sessions WHERE officer = ?').run(name);
    })();
    const officer = this.get(name);
    if (!officer) throw new AccordError('E_STATE', `officer ${name} vanished as it was reset`);
    return secret === undefined ? { officer, oneTimePassword } : { officer, oneTimePassword, totpUri: totpUri(this.agency, name, secret) };
  }

  get(name: string): Officer | undefined {
    const row = readOfficerRow(this.db, name);
    return row && officerOf(row);
  }

  list(): Officer[] {
    return this.db.prepare<[], OfficerRow>('SELECT * FROM officers ORDER BY name').all().map(officerOf);
  }

  /** True when this is the officer's current password (for a change of it, within a session). */
  async checkPassword(name: string, password: string): Promise<boolean> {
    return verifyPassword(readOfficerRow(this.db, name)?.password_hash, password);
  }

  /** The officer's own password from now on (12 to 256 characters); the one-time password is gone. */
  async setPassword(name: string, newPassword: string): Promise<void> {
    assertPasswordRule(newPassword);
    if (!readOfficerRow(this.db, name)) throw new AccordError('E_NOT_FOUND', `no officer ${JSON.stringify(name)} on this node`);
    const passwordHash = await hashPassword(newPassword);
    const changed = this.db
      .prepare<[string, string]>(
        'UPDATE officers SET password_hash = ?, password_change_required = 0, one_time_used_at = NULL WHERE name = ?',
      )
      .run(passwordHash, name);
    if (changed.changes === 0) throw new AccordError('E_NOT_FOUND', `no officer ${JSON.stringify(name)} on this node`);
  }
}
