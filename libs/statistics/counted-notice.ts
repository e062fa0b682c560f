/** The facts of one notice that the statistics count: its latest counted version, without any identity. */
export const NOTICE_TYPES = ['ALERT', 'REQUEST_FOR_INFORMATION', 'INTELLIGENCE_REPORT', 'CASE_UPDATE'] as const;
export type NoticeTypeName = (typeof NOTICE_TYPES)[number];

export const MODES = ['LAND', 'SEA', 'AIR'] as const;
export type ModeName = (typeof MODES)[number];

export const PERSON_ROLES = ['SMUGGLER_SUSPECT', 'FACILITATOR', 'SMUGGLED_MIGRANT', 'WITNESS'] as const;
export type PersonRoleName = (typeof PERSON_ROLES)[number];

/**
 * A person's age as the issuer recorded it: `minor` false is an adult; a minor is
 * unaccompanied or not; `minor` absent is unknown (never guessed either way).
 */
export const AGE_STATUSES = ['adult', 'minor', 'unaccompanied-minor', 'age-unknown'] as const;
export type AgeStatus = (typeof AGE_STATUSES)[number];

export const LEGS = ['origin', 'transit', 'destination'] as const;
export type Leg = (typeof LEGS)[number];

export interface CountedPerson {
  role: PersonRoleName;
  /** ISO 3166-1 alpha-2, or "unknown". */
  nationality: string;
  age: AgeStatus;
}

export interface CountedNotice {
  noticeId: string;
  issuer: string;
  type: NoticeTypeName;
  mode: ModeName;
  /** Each leg's countries, each once. */
  route: Record<Leg, string[]>;
  migrantCount: number;
  deathsReported: number;
  persons: CountedPerson[];
}

export const UNKNOWN_NATIONALITY = 'unknown';

export function ageStatusOf(minor: boolean | undefined, unaccompanied: boolean): AgeStatus {
  if (minor === undefined) return 'age-unknown';
  if (!minor) return 'adult';
  return unaccompanied ? 'unaccompanied-minor' : 'minor';
}
