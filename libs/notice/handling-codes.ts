import { v1 } from '../proto/index.js';

/**
 * The handling codes an originator can set (accord.v1.HandlingCode, a closed list), each
 * with what it asks of recipients in one line: the words the CLI and the readable view
 * print (the console has its own, translated, in its catalogs).
 */
export const HANDLING_MEANINGS = {
  NO_ONWARD_SHARING: 'Do not pass this notice, or anything taken from it, on to any other party.',
  NOT_FOR_COURT_WITHOUT_CONSENT: 'Not to be used as evidence in court without the originator’s consent.',
  CONSENT_BEFORE_ACTION: 'Take no operational action on this notice before the originator consents.',
} as const satisfies Record<Exclude<keyof typeof v1.HandlingCode, 'HANDLING_CODE_UNSPECIFIED'>, string>;

export type HandlingCodeName = keyof typeof HANDLING_MEANINGS;

/** The codes in their enum order. */
export const HANDLING_CODES = Object.keys(HANDLING_MEANINGS) as HandlingCodeName[];

export function isHandlingCode(value: unknown): value is HandlingCodeName {
  return typeof value === 'string' && Object.hasOwn(HANDLING_MEANINGS, value);
}

/** The names of a list of codes as numbers (a decoded message's), an undefined one as its number. */
export function handlingNames(codes: readonly number[] | null | undefined): string[] {
  return (codes ?? []).map((c) => v1.HandlingCode[c] ?? String(c));
}

/** Each code with its meaning, for people; a name that is not a code gets no meaning. */
export function describeHandling(names: readonly string[]): { code: string; meaning: string }[] {
  return names.map((code) => ({ code, meaning: isHandlingCode(code) ? HANDLING_MEANINGS[code] : '' }));
}
