import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CompactRange, leafHash, MerkleTree, verifyConsistency, verifyInclusion } from '../../libs/merkle/index.js';

// transparency-dev/merkle testdata, copied with its SOURCE.md and LICENSE.
const root = join(import.meta.dirname, '..', 'testdata', 'rfc9162-merkle');
const b64 = (s: string) => Buffer.from(s, 'base64');

function vectors(kind: string): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) out.push([path.slice(root.length + 1), JSON.parse(readFileSync(path, 'utf8'))]);
    }
  };
  walk(join(root, kind));
  return out;
}

describe('RFC 9162 test vectors (transparency-dev/merkle)', () => {
  const inclusion = vectors('inclusion');
  const consistency = vectors('consistency');

  test(`there are vectors, mutations included (${inclusion.length} inclusion, ${consistency.length} consistency)`, () => {
    expect(inclusion.filter(([, v]) => v.wantErr).length).toBeGreaterThan(20);
    expect(consistency.filter(([, v]) => v.wantErr).length).toBeGreaterThan(20);
  });

  test.each(inclusion)('inclusion %s', (_name, v) => {
    const ok = verifyInclusion(
      v.leafIdx as number,
      v.treeSize as number,
      b64(v.leafHash as string),
      ((v.proof as string[] | null) ?? []).map(b64),
      b64(v.root as string),
    );
    expect(ok).toBe(!v.wantErr);
  });

  test.each(consistency)('consistency %s', (_name, v) => {
    const ok = verifyConsistency(
      v.size1 as number,
      v.size2 as number,
      b64(v.root1 as string),
      b64(v.root2 as string),
      ((v.proof as string[] | null) ?? []).map(b64),
    );
    expect(ok).toBe(!v.wantErr);
  });
});

describe('proofs Accord makes verify, and the incremental root is the tree head', () => {
  const leaves = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`record ${i}`)));

  test('every inclusion proof of every tree size verifies', () => {
    for (let size = 1; size <= leaves.length; size++) {
      const tree = new MerkleTree(leaves.slice(0, size));
      for (let i = 0; i < size; i++) expect(verifyInclusion(i, size, leaves[i] as Buffer, tree.inclusionProof(i), tree.root())).toBe(true);
    }
  });

  test('every consistency proof between two sizes verifies, and fails against another root', () => {
    const tree = new MerkleTree(leaves);
    for (let m = 1; m <= leaves.length; m += 3) {
      for (let n = m; n <= leaves.length; n += 5) {
        const proof = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, tree.root(m), tree.root(n), proof)).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, tree.root(m), tree.root(n - 1), proof)).toBe(false);
      }
    }
  });

  test('the compact range gives the same root as the RFC definition at every size', () => {
    const range = new CompactRange();
    const tree = new MerkleTree(leaves);
    leaves.forEach((leaf, i) => {
      range.append(leaf);
      expect(range.root().equals(tree.root(i + 1))).toBe(true);
    });
  });
});
