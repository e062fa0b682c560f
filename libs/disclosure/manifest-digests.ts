import { hash, randomBytes } from 'node:crypto';

export function digestOf(disclosure: Uint8Array): Buffer {
  return hash('sha256', disclosure, 'buffer');
}

/** The smallest power of two holding `count` digests, at least 32. */
export function paddedCount(count: number): number {
  let size = 32;
  while (size < count) size *= 2;
  return size;
}

/**
 * The disclosures' digests with random decoys, sorted bytewise: a recipient learns neither
 * how many elements the notice has (only a power-of-two bound) nor which digest is whose.
 */
export function paddedSortedDigests(disclosures: readonly Uint8Array[]): Buffer[] {
  const digests = disclosures.map(digestOf);
  while (digests.length < paddedCount(disclosures.length)) digests.push(randomBytes(32));
  return digests.sort((a, b) => Buffer.compare(a, b));
}

/** A set of digests for membership tests. */
export function digestSet(digests: readonly Uint8Array[]): Set<string> {
  return new Set(digests.map((d) => Buffer.from(d).toString('base64')));
}

export function hasDigest(set: Set<string>, disclosure: Uint8Array): boolean {
  return set.has(digestOf(disclosure).toString('base64'));
}
