import { EMPTY_ROOT, nodeHash } from './hashes.js';

/**
 * The root of a growing tree in O(log n) memory: the roots of its perfect subtrees, left
 * to right (a binary counter of leaves). Appending merges equal-sized neighbours.
 */
export class CompactRange {
  private readonly subtrees: { size: number; hash: Uint8Array }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leaf: Uint8Array): void {
    let node: { size: number; hash: Uint8Array } = { size: 1, hash: leaf };
    for (let last = this.subtrees.at(-1); last && last.size === node.size; last = this.subtrees.at(-1)) {
      this.subtrees.pop();
      node = { size: last.size * 2, hash: nodeHash(last.hash, node.hash) };
    }
    this.subtrees.push(node);
    this.count += 1;
  }

  /** MTH of all leaves so far (RFC 9162 splits at the largest power of two: the same tree). */
  root(): Buffer {
    if (this.subtrees.length === 0) return EMPTY_ROOT;
    let hash: Buffer = Buffer.from((this.subtrees.at(-1) as { hash: Uint8Array }).hash);
    for (let i = this.subtrees.length - 2; i >= 0; i--) hash = nodeHash((this.subtrees[i] as { hash: Uint8Array }).hash, hash);
    return hash;
  }
}
