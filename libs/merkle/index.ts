export { EMPTY_ROOT, leafHash, nodeHash } from './hashes.js';
export { MerkleTree } from './tree.js';
export { CompactRange } from './compact-range.js';
export { verifyConsistency, verifyInclusion } from './verify-proofs.js';
