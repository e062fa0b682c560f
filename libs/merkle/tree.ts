import { EMPTY_ROOT, nodeHash, splitPoint } from './hashes.js';

/**
 * RFC 9162 section 2.1 over a list of leaf hashes: the tree head, inclusion paths and
 * consistency proofs, computed as the RFC defines them (MTH, PATH, SUBPROOF).
 */
export class MerkleTree {
  /** Roots of perfect, aligned subtrees: they never change as leaves are appended. */
  private readonly perfect = new Map<string, Buffer>();

  /** `leaves` may keep growing (appended to by its owner); the tree follows it. */
  constructor(private readonly leaves: readonly Uint8Array[]) {}

  get size(): number {
    return this.leaves.length;
  }

  /** MTH(D[start:end]). */
  root(end = this.leaves.length, start = 0): Buffer {
    const n = end - start;
    if (n === 0) return EMPTY_ROOT;
    if (n === 1) return Buffer.from(this.leaves[start] as Uint8Array);
    const isPerfect = (n & (n - 1)) === 0 && start % n === 0;
    const key = `${start}:${n}`;
    const cached = isPerfect ? this.perfect.get(key) : undefined;
    if (cached) return cached;
    const k = splitPoint(n);
    const hash = nodeHash(this.root(start + k, start), this.root(end, start + k));
    if (isPerfect) this.perfect.set(key, hash);
    return hash;
  }

  /** PATH(m, D[start:end]): the audit path of leaf `m` in the tree of the first `size` leaves. */
  inclusionProof(m: number, size = this.leaves.length): Buffer[] {
    if (m < 0 || m >= size || size > this.leaves.length) throw new RangeError(`no leaf ${m} in a tree of ${size}`);
    const path = (index: number, start: number, end: number): Buffer[] => {
      const n = end - start;
      if (n === 1) return [];
      const k = splitPoint(n);
      return index < k
        ? [...path(index, start, start + k), this.root(end, start + k)]
        : [...path(index - k, start + k, end), this.root(start + k, start)];
    };
    return path(m, 0, size);
  }

  /** PROOF(m, D[n]): that the tree of the first `m` leaves is a prefix of the tree of `n`. */
  consistencyProof(m: number, n = this.leaves.length): Buffer[] {
    if (m <= 0 || m > n || n > this.leaves.length) throw new RangeError(`no consistency proof from ${m} to ${n}`);
    const subproof = (size: number, start: number, end: number, complete: boolean): Buffer[] => {
      const count = end - start;
      if (size === count) return complete ? [] : [this.root(end, start)];
      const k = splitPoint(count);
      return size <= k
        ? [...subproof(size, start, start + k, complete), this.root(end, start + k)]
        : [...subproof(size - k, start + k, end, false), this.root(start + k, start)];
    };
    return subproof(m, 0, n, true);
  }
}
