import { timingSafeEqual } from 'node:crypto';

/** A presented CSRF token against the session's, in constant time (a missing one is an empty string). */
export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
