import type { NodeDatabase } from '../node-database.js';

export type OfficerRole = 'officer' | 'supervisor' | 'admin';

export const OFFICER_ROLES: readonly OfficerRole[] = ['officer', 'supervisor', 'admin'];

export function isOfficerRole(value: string): value is OfficerRole {
  return (OFFICER_ROLES as readonly string[]).includes(value);
}

/** Supervisors and admins log in with a TOTP code as well as their password. */
export function roleNeedsTotp(role: OfficerRole): boolean {
  return role !== 'officer';
}

/** An officer account as the node shows it: no secret in it. */
export interface Officer {
  name: string;
  role: OfficerRole;
  createdAt: string;
  disabled: boolean;
  /** Still on the one-time password `accord node officer add` printed. */
  passwordChangeRequired: boolean;
  /** A TOTP secret is set (supervisors and admins). */
  totpEnrolled: boolean;
}

/** A row of the officers table, secrets included: never leaves this folder. */
export interface OfficerRow {
  name: string;
  role: OfficerRole;
  password_hash: string;
  password_change_required: number;
  one_time_used_at: string | null;
  totp_sealed: Buffer | null;
  totp_last_step: number | null;
  created_at: string;
  disabled_at: string | null;
  failed_logins: number;
  locked_until: string | null;
}

export function readOfficerRow(db: NodeDatabase, name: string): OfficerRow | undefined {
  return db.prepare<[string], OfficerRow>('SELECT * FROM officers WHERE name = ?').get(name);
}

export function officerOf(row: OfficerRow): Officer {
  return {
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    disabled: row.disabled_at !== null,
    passwordChangeRequired: row.password_change_required !== 0,
    totpEnrolled: row.totp_sealed !== null,
  };
}

/** The associated data a TOTP secret is sealed under: it opens only in its own row. */
export function totpAssociated(name: string): string {
  return `totp:${name}`;
}
