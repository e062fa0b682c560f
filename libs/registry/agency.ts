import { AccordError } from '../errors/index.js';

export const AGENCY_ID = /^[a-z][a-z0-9-]{1,31}$/;

export const ROLES = [
  'police',
  'border-guard',
  'coastguard',
  'prosecutor',
  'fiu',
  'immigration',
  'liaison-office',
  'protection',
  'research',
] as const;

export type Role = (typeof ROLES)[number];

export const LAW_ENFORCEMENT: ReadonlySet<Role> = new Set(['police', 'border-guard', 'coastguard']);

export const TLP_NAMES = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export type TlpName = (typeof TLP_NAMES)[number];

export function isTlpName(value: string): value is TlpName {
  return (TLP_NAMES as readonly string[]).includes(value);
}

/** What an issuer counts in the statistics until it says otherwise: RED and AMBER_STRICT are not. */
export const DEFAULT_COUNTED_TLP: readonly TlpName[] = ['CLEAR', 'GREEN', 'AMBER'];

/** The TLP levels whose notices the agency has counted in the statistics. */
export function countedTlpOf(agency: Agency): readonly TlpName[] {
  return agency.countedTlp ?? DEFAULT_COUNTED_TLP;
}

/** A registered agency, as stored in the registry bucket. */
export interface Agency {
  id: string;
  country: string;
  role: Role;
  groups: string[];
  /** Ids (RFC 7638 thumbprints) of the agency's signing keys, newest last. */
  kids: string[];
  registeredAt: string;
  /** The TLP levels of its own notices it has counted in the statistics; absent: DEFAULT_COUNTED_TLP. */
  countedTlp?: TlpName[];
}

export type KeyStatus = 'active' | 'superseded' | 'compromised';

/** A public signing key, as stored in the public-keys bucket. */
export interface AgencyKey {
  kid: string;
  agency: string;
  /** The public JWK (kty OKP, crv Ed25519). */
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string };
  status: KeyStatus;
  addedAt: string;
  notAfter?: string;
  /** When it stopped being valid for new submissions (superseded) or was found compromised. */
  revokedAt?: string;
}

export function isAgencyId(value: string): boolean {
  return AGENCY_ID.test(value);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function assertAgencyId(value: string, what = 'agency id'): void {
  if (!isAgencyId(value)) {
    throw new AccordError('E_USAGE', `${what} "${value}" must match ${AGENCY_ID.source} (lower-case letter, then 1-31 of a-z 0-9 -)`);
  }
}
