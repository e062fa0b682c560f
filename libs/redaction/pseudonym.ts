import type { v1 } from '../proto/index.js';
import { keyedDigest } from '../signing/index.js';

/** Case-folded, without diacritics or punctuation, words sorted: "Ötzi, Hans" = "hans otzi". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** What makes two mentions of a person the same person, as far as the notice tells. */
export function identityKey(person: v1.Person.$Properties, fallback: string): string {
  const name = normaliseName(person.fullName ?? '');
  if (name) return `name:${name}|dob:${person.dateOfBirth ?? ''}`;
  const doc = person.documents?.[0];
  if (doc?.number) return `doc:${doc.issuingCountry ?? ''}:${doc.number.replace(/[\s-]/g, '').toUpperCase()}`;
  return `anonymous:${fallback}`;
}

/**
 * A pseudonym stable for the same person across notices of the same case for the same
 * recipient, different between recipients, not reversible without the bus secret.
 * `identity` is the person's `identityKey`, computed once per notice, not per recipient.
 */
export function pseudonym(secret: Uint8Array, recipient: string, caseRef: string, identity: string): string {
  const digest = keyedDigest(secret, 'accord/pseudonym', recipient, caseRef, identity);
  return `P-${digest.subarray(0, 8).toString('hex').toUpperCase()}`;
}
