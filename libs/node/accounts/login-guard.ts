import { AccordError } from '../../errors/index.js';
import type { NodeDatabase } from '../node-database.js';
import type { ViewCipher } from '../view-cipher.js';
import { isOfficerName } from './officer-name.js';
import type { OfficerStore } from './officer-store.js';
import { readOfficerRow, roleNeedsTotp, totpAssociated, type Officer, type OfficerRow } from './officer.js';
import { verifyPassword } from './passwords.js';
import { matchTotp } from './totp.js';

export interface LoginAttempt {
  name: string;
  password: string;
  /** The 6-digit code of the officer's authenticator: supervisors and admins. */
  totp?: string;
  /** The client's address: failures from it slow its next attempts down. */
  client: string;
}

/**
 * Every refusal looks the same, whatever its reason (unknown name, wrong password or code,
 * disabled or locked account): the caller waits `delayMs`, then answers with one body.
 */
export type LoginResult = { ok: true; officer: Officer } | { ok: false; delayMs: number };

export interface LoginGuardSettings {
  /** Consecutive failures after which an account is locked. */
  maxFailures: number;
  /** How long a locked account stays locked; also how long a client's failures are remembered. */
  lockMs: number;
  /** Consecutive failures of one client before each further one is delayed. */
  throttleAfter: number;
  /** The longest delay a failure gets (100 ms, doubling per failure, up to this). */
  maxDelayMs: number;
  /** Clients whose failures are remembered; beyond it the longest quiet is forgotten first. */
  maxClients: number;
}

export const DEFAULT_LOGIN_GUARD: LoginGuardSettings = {
  maxFailures: 10,
  lockMs: 15 * 60_000,
  throttleAfter: 5,
  maxDelayMs: 2_000,
  maxClients: 10_000,
};

const FIRST_DELAY_MS = 100;

interface ClientFailures {
  failures: number;
  lastAt: number;
}

function checkedSettings(settings: LoginGuardSettings): LoginGuardSettings {
  for (const [key, value] of Object.entries(settings)) {
    const least = key === 'throttleAfter' || key === 'maxDelayMs' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < least)
      throw new AccordError('E_CONFIG', `login guard setting ${key} must be a whole number from ${least}, not ${value}`, { path: key });
  }
  return settings;
}

/**
 * Decides logins: Argon2id password, TOTP for supervisors and admins (a step used once),
 * account lock-out after consecutive failures, and a growing delay per client. It never
 * sleeps; the caller waits the delay it returns.
 */
export class LoginGuard {
  readonly counts = { succeeded: 0, failed: 0, throttled: 0 };
  private readonly settings: LoginGuardSettings;
  private readonly clients = new Map<string, ClientFailures>();

  constructor(
    private readonly db: NodeDatabase,
    private readonly officers: OfficerStore,
    private readonly cipher: ViewCipher,
    settings: Partial<LoginGuardSettings> = {},
  ) {
    this.settings = checkedSettings({ ...DEFAULT_LOGIN_GUARD, ...settings });
  }

  async attempt(a: LoginAttempt, now: Date = new Date()): Promise<LoginResult> {
    const row = isOfficerName(a.name) ? readOfficerRow(this.db, a.name) : undefined;
    // Checked even for an unknown name (against a dummy hash) and a locked or disabled
    // account, and the code whether the password was right or not: no refusal takes
    // longer or shorter than a wrong password (or code) for the same account would.
    const passwordRight = await verifyPassword(row?.password_hash, a.password);
    const step = row && roleNeedsTotp(row.role) ? await this.totpStep(row, a.totp, now) : undefined;
    const officer = row && this.decide(row, passwordRight, step, now);
    if (officer) {
      this.clients.delete(a.client);
      this.counts.succeeded += 1;
      return { ok: true, officer };
    }
    return this.refuse(a.client, now);
  }

  private async totpStep(row: OfficerRow, code: string | undefined, now: Date): Promise<number | undefined> {
    if (code === undefined || row.totp_sealed === null) return undefined;
    const secret = this.cipher.open(row.totp_sealed, totpAssociated(row.name)).toString('utf8');
    return matchTotp(secret, code, now, row.totp_last_step);
  }

  /**
   * On the row as it is now (another attempt may have changed it while this one hashed):
   * a locked or disabled account refuses without counting; a wrong password or code, or a
   * one-time password already spent, counts a failure; the last allowed one locks.
   */
  private decide(checked: OfficerRow, passwordRight: boolean, step: number | undefined, now: Date): Officer | undefined {
    return this.db.transaction((): Officer | undefined => {
      const row = readOfficerRow(this.db, checked.name);
      if (!row || row.disabled_at !== null) return undefined;
      if (row.locked_until !== null && Date.parse(row.locked_until) > now.getTime()) return undefined;
      const totpRight = !roleNeedsTotp(row.role) || (step !== undefined && (row.totp_last_step === null || step > row.totp_last_step));
      const oneTimeLeft = row.password_change_required === 0 || row.one_time_used_at === null;
      if (!(passwordRight && row.password_hash === checked.password_hash && totpRight && oneTimeLeft)) {
        this.countFailure(row, now);
        return undefined;
      }
      this.db
        .prepare<[number | null, string | null, string]>(
          `UPDATE officers SET failed_logins = 0, locked_until = NULL, totp_last_step = coalesce(?, totp_last_step),
             one_time_used_at = CASE WHEN password_change_required = 1 THEN ? ELSE one_time_used_at END
           WHERE name = ?`,
        )
        .run(step ?? null, now.toISOString(), row.name);
      return this.officers.get(row.name);
    })();
  }

  private countFailure(row: OfficerRow, now: Date): void {
    if (row.failed_logins + 1 >= this.settings.maxFailures) {
      this.db
        .prepare<[string, string]>('UPDATE officers SET failed_logins = 0, locked_until = ? WHERE name = ?')
        .run(new Date(now.getTime() + this.settings.lockMs).toISOString(), row.name);
    } else {
      this.db.prepare<[string]>('UPDATE officers SET failed_logins = failed_logins + 1 WHERE name = ?').run(row.name);
    }
  }

  /** The client's consecutive failures (forgotten after lockMs of quiet) set the delay. */
  private refuse(client: string, now: Date): LoginResult {
    const previous = this.clients.get(client);
    const failures = (previous && now.getTime() - previous.lastAt <= this.settings.lockMs ? previous.failures : 0) + 1;
    this.clients.delete(client);
    this.clients.set(client, { failures, lastAt: now.getTime() });
    while (this.clients.size > this.settings.maxClients) {
      const quietest = this.clients.keys().next();
      if (quietest.done) break;
      this.clients.delete(quietest.value);
    }
    const over = failures - this.settings.throttleAfter;
    const delayMs = over > 0 ? Math.min(this.settings.maxDelayMs, FIRST_DELAY_MS * 2 ** Math.min(over - 1, 30)) : 0;
    this.counts.failed += 1;
    if (delayMs > 0) this.counts.throttled += 1;
    return { ok: false, delayMs };
  }
}
