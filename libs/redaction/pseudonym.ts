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

/**
 * What makes two mentions of a person the same pseudonymous person: the identity the
 * notice gives (name and date of birth, else the first document), the role and the
 * minor/adult/unknown status. A suspect in one notice and a witness in another, or an adult
 * in one and of unknown age in another, are two pseudonymous persons: one pseudonym must
 * not unmask the other, least of all a child.
 */
export function identityKey(person: v1.Person.$Properties, fallback: string): string {
  const status = person.minor === true ? 'minor' : person.minor === false ? 'adult' : 'unknown';
  const who = (() => {
    const name = normaliseName(person.fullName ?? '');
    if (name) return `name:${name}|dob:${person.dateOfBirth ?? ''}`;
    const doc = person.documents?.[0];
    if (doc?.number) return `doc:${doc.issuingCountry ?? ''}:${doc.number.replace(/[\s-]/g, '').toUpperCase()}`;
    return `anonymous:${fallback}`;
  })();
  return `${who}|role:${person.role ?? 0}|${status}`;
}

/**
 * A recipient's pseudonym for a person: stable across the notices of one case from one
 * issuing agency, different for every recipient, issuer and case, not reversible without
 * the pseudonym key. The issuer is part of the key so that no other agency can publish a
 * notice in the same case with a guessed name and have the recipient compare pseudonyms
 * (docs/redaction.md). `identity` is the person's `identityKey`, computed once per notice.
 */
export function pseudonym(key: Uint8Array, recipient: string, issuer: string, caseRef: string, identity: string): string {
  const digest = keyedDigest(key, 'accord/pseudonym/v2', recipient, issuer, caseRef, identity);
  return `P-${digest.subarray(0, 8).toString('hex').toUpperCase()}`;
}
