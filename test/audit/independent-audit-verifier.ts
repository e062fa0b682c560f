/**
 * An audit-bundle verifier written from docs/audit-format.md (sections 4 to 6), the
 * .proto files and RFC 9162 alone, as an auditor outside the project would write it.
 * It shares no code with libs/audit, libs/merkle, libs/signing or services/: only
 * node:crypto, node:fs and protobufjs (loading proto/accord/v1/audit.proto at run time;
 * google/protobuf/timestamp.proto is bundled with protobufjs).
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

export type IndependentVerdict =
  { ok: true; records: number; checkpoints: number; unsealed: number } | { ok: false; index: number; reason: string };

export interface IndependentOptions {
  /** As `--trusted-checkpoint FILE` holds it: `signedCheckpoint` is the base64 SignedCheckpoint. */
  trustedCheckpoint?: { signedCheckpoint: string };
}

// ---------------------------------------------------------------------------------------
// The wire types, from the .proto files at run time.

function findProtoDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'proto', 'accord', 'v1', 'audit.proto');
    if (existsSync(candidate)) return join(dir, 'proto');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('proto/accord/v1/audit.proto not found above this file');
    dir = parent;
  }
}

interface WireTypes {
  AuditRecord: protobuf.Type;
  SignedCheckpoint: protobuf.Type;
  Checkpoint: protobuf.Type;
  checkpointKind: number;
}

let wireTypes: WireTypes | undefined;

function types(): WireTypes {
  if (wireTypes) return wireTypes;
  const root = new protobuf.Root();
  // audit.proto imports google/protobuf/timestamp.proto, which protobufjs resolves from
  // its bundled definitions; anything else resolves under proto/.
  const protoDir = findProtoDir();
  root.resolvePath = (_origin: string, target: string): string => (target.startsWith('/') ? target : join(protoDir, target));
  root.loadSync('accord/v1/audit.proto', { keepCase: true });
  const kind = root.lookupEnum('accord.v1.AuditKind').values['CHECKPOINT'];
  if (kind === undefined) throw new Error('AuditKind.CHECKPOINT missing from audit.proto');
  wireTypes = {
    AuditRecord: root.lookupType('accord.v1.AuditRecord'),
    SignedCheckpoint: root.lookupType('accord.v1.SignedCheckpoint'),
    Checkpoint: root.lookupType('accord.v1.Checkpoint'),
    checkpointKind: kind,
  };
  return wireTypes;
}

/** Decodes to a plain object: 64-bit integers as decimal strings, absent fields as defaults. */
function decodePlain(type: protobuf.Type, bytes: Uint8Array): Record<string, unknown> {
  const message = type.decode(bytes);
  return type.toObject(message, { longs: String, enums: Number, defaults: true, arrays: true, objects: true }) as Record<string, unknown>;
}

function u64(value: unknown, field: string): bigint {
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new Error(`${field} is not an unsigned integer`);
}

function bytesOf(value: unknown, field: string): Buffer {
  if (Array.isArray(value) && value.every((b) => typeof b === 'number')) return Buffer.from(value as number[]);
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new Error(`${field} is not bytes`);
}

function bytesList(value: unknown, field: string): Buffer[] {
  if (!Array.isArray(value)) throw new Error(`${field} is not a list`);
  return value.map((v, i) => bytesOf(v, `${field}[${i}]`));
}

function objectOf(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${field} is missing`);
  return value as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------
// RFC 9162 section 2.1: Merkle Tree Hash, and the consistency proof verification of 2.1.4.2.

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

export const leafHash = (data: Uint8Array): Buffer => sha256(Buffer.from([0x00]), data);
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(Buffer.from([0x01]), left, right);

/** The largest power of two strictly smaller than n (n >= 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH of the leaf hashes `leaves[lo, hi)`, by the recursive definition of RFC 9162 2.1.1. */
export function merkleTreeHash(leaves: readonly Buffer[], lo = 0, hi = leaves.length): Buffer {
  const n = hi - lo;
  if (n === 0) return sha256();
  if (n === 1) return leaves[lo] as Buffer;
  const k = splitPoint(n);
  return nodeHash(merkleTreeHash(leaves, lo, lo + k), merkleTreeHash(leaves, lo + k, hi));
}

/**
 * The "Merkle tree frontier": the roots of the perfect subtrees that make up [0, size),
 * largest first. MTH of [0, size) folds them right to left.
 */
class Frontier {
  private readonly subtrees: { size: number; hash: Buffer }[] = [];
  size = 0;

  push(leaf: Buffer): void {
    let node = { size: 1, hash: leaf };
    for (let last = this.subtrees.at(-1); last && last.size === node.size; last = this.subtrees.at(-1)) {
      this.subtrees.pop();
      node = { size: last.size * 2, hash: nodeHash(last.hash, node.hash) };
    }
    this.subtrees.push(node);
    this.size++;
  }

  root(): Buffer {
    let acc: Buffer | undefined;
    for (let i = this.subtrees.length - 1; i >= 0; i--) {
      const hash = (this.subtrees[i] as { hash: Buffer }).hash;
      acc = acc ? nodeHash(hash, acc) : hash;
    }
    return acc ?? sha256();
  }
}

/**
 * RFC 9162 section 2.1.4.2, step by step, for 0 < first < second. The degenerate sizes the
 * RFC's algorithm does not cover are settled as transparency-dev/merkle settles them:
 * first == second needs an empty proof and equal roots; first == 0 is refused.
 */
export function verifyConsistency(
  first: bigint,
  second: bigint,
  firstHash: Uint8Array,
  secondHash: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  // A proof from the empty tree proves nothing: refused, as transparency-dev/merkle does.
  if (first === 0n || first > second) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstHash).equals(Buffer.from(secondHash));
  // 1. If consistency_path is an empty array, stop and fail the proof verification.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
  const path: Uint8Array[] = (first & (first - 1n)) === 0n ? [firstHash, ...proof] : [...proof];
  // 3. Set fn to first - 1 and sn to second - 1.
  let fn = first - 1n;
  let sn = second - 1n;
  // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  // 5. Set both fr and sr to the first value in the consistency_path array.
  let fr: Uint8Array = path[0] as Uint8Array;
  let sr: Uint8Array = path[0] as Uint8Array;
  // 6. For each subsequent value c in the consistency_path array:
  for (const c of path.slice(1)) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0n) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      // If LSB(fn) is not set, right-shift both fn and sn equally until either LSB(fn) is set or fn is 0.
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      // Otherwise: set sr to HASH(0x01 || sr || c).
      sr = nodeHash(sr, c);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn >>= 1n;
    sn >>= 1n;
  }
  // 7. fr must equal first_hash, sr second_hash, and sn must be 0.
  return Buffer.from(fr).equals(Buffer.from(firstHash)) && Buffer.from(sr).equals(Buffer.from(secondHash)) && sn === 0n;
}

// ---------------------------------------------------------------------------------------
// The audit key and the detached JWS over a checkpoint (section 4).

interface AuditKey {
  key: KeyObject;
  /** RFC 7638 thumbprint of the key, as the JWS header's `kid` must name it. */
  thumbprint: string;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function fromBase64url(text: string, what: string): Buffer {
  if (!BASE64URL.test(text) || text.length % 4 === 1) throw new Error(`${what} is not base64url`);
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) throw new Error(`${what} is not canonical base64url`);
  return bytes;
}

function fromBase64(text: unknown, what: string): Buffer {
  if (typeof text !== 'string' || !BASE64.test(text)) throw new Error(`${what} is not base64`);
  return Buffer.from(text, 'base64');
}

function auditKeyFromJwk(jwk: unknown): AuditKey {
  const k = objectOf(jwk, 'auditPublicKey');
  if (k['kty'] !== 'OKP' || k['crv'] !== 'Ed25519' || typeof k['x'] !== 'string') throw new Error('auditPublicKey is not an Ed25519 JWK');
  if ('d' in k) throw new Error('auditPublicKey holds a private key');
  const x = k['x'];
  if (fromBase64url(x, 'auditPublicKey.x').length !== 32) throw new Error('auditPublicKey.x is not 32 bytes');
  // RFC 7638 section 3.2: the required members in lexicographic order, no whitespace.
  const thumbprint = sha256(Buffer.from(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x }), 'utf8')).toString('base64url');
  if (k['kid'] !== undefined && k['kid'] !== thumbprint) throw new Error("auditPublicKey.kid is not the key's RFC 7638 thumbprint");
  return { key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }), thumbprint };
}

const REFUSED_HEADER_PARAMETERS = ['crit', 'b64', 'jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256'];

/** Throws unless `jws` is the audit key's detached compact JWS over `payload`. */
function verifyDetachedJws(jws: string, payload: Uint8Array, auditKey: AuditKey): void {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts[1] !== '') throw new Error('the JWS is not detached compact serialization');
  const [headerB64 = '', , signatureB64 = ''] = parts;
  let header: unknown;
  try {
    header = JSON.parse(fromBase64url(headerB64, 'JWS header').toString('utf8'));
  } catch {
    throw new Error('the JWS header is not JSON');
  }
  const h = objectOf(header, 'JWS header');
  if (h['alg'] !== 'EdDSA') throw new Error(`JWS alg ${JSON.stringify(h['alg'])} refused`);
  if (h['typ'] !== 'accord-checkpoint+jws') throw new Error(`JWS typ ${JSON.stringify(h['typ'])} refused`);
  for (const p of REFUSED_HEADER_PARAMETERS) if (p in h) throw new Error(`JWS header parameter ${p} refused`);
  if (h['kid'] !== auditKey.thumbprint) throw new Error('JWS kid is not the audit key');
  const signature = fromBase64url(signatureB64, 'JWS signature');
  if (signature.length !== 64) throw new Error('JWS signature is not 64 bytes');
  const signingInput = Buffer.from(`${headerB64}.${Buffer.from(payload).toString('base64url')}`, 'ascii');
  if (!verify(null, signingInput, auditKey.key, signature)) throw new Error('JWS signature does not verify with the audit key');
}

interface CheckpointFields {
  treeSize: bigint;
  rootHash: Buffer;
  previousSize: bigint;
  previousRoot: Buffer;
  consistency: Buffer[];
}

/** Decodes SignedCheckpoint bytes and its Checkpoint; returns them with the JWS string. */
function decodeSignedCheckpoint(bytes: Uint8Array): { checkpointBytes: Buffer; jws: string; checkpoint: CheckpointFields } {
  const t = types();
  const signed = decodePlain(t.SignedCheckpoint, bytes);
  const checkpointBytes = bytesOf(signed['checkpoint'], 'SignedCheckpoint.checkpoint');
  const jws = signed['jws'];
  if (typeof jws !== 'string') throw new Error('SignedCheckpoint.jws is not a string');
  const c = decodePlain(t.Checkpoint, checkpointBytes);
  return {
    checkpointBytes,
    jws,
    checkpoint: {
      treeSize: u64(c['tree_size'], 'tree_size'),
      rootHash: bytesOf(c['root_hash'], 'root_hash'),
      previousSize: u64(c['previous_size'], 'previous_size'),
      previousRoot: bytesOf(c['previous_root'], 'previous_root'),
      consistency: bytesList(c['consistency'], 'consistency'),
    },
  };
}

// ---------------------------------------------------------------------------------------
// The bundle (section 6) and the verification (section 5).

interface BundleRecord {
  body: Buffer;
  hash: Buffer;
}

function parseBundle(text: string): { auditKey: AuditKey; records: BundleRecord[] } | { index: number; reason: string } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const [headerLine, ...recordLines] = lines;
  if (headerLine === undefined) return { index: 0, reason: 'empty bundle' };
  let auditKey: AuditKey;
  try {
    const header = objectOf(JSON.parse(headerLine), 'bundle header');
    if (header['format'] !== 'accord-audit-bundle') throw new Error('not an accord-audit-bundle');
    if (header['version'] !== 1) throw new Error(`bundle version ${JSON.stringify(header['version'])} unknown`);
    auditKey = auditKeyFromJwk(header['auditPublicKey']);
  } catch (err) {
    return { index: 0, reason: `bundle header: ${(err as Error).message}` };
  }
  const records: BundleRecord[] = [];
  for (const [i, line] of recordLines.entries()) {
    try {
      const r = objectOf(JSON.parse(line), 'record');
      records.push({ body: fromBase64(r['body'], 'body'), hash: fromBase64(r['hash'], 'hash') });
    } catch (err) {
      return { index: i, reason: `bundle line ${i + 2} cannot be parsed: ${(err as Error).message}` };
    }
  }
  return { auditKey, records };
}

interface Failure {
  index: number;
  reason: string;
}

interface Walk {
  leaves: Buffer[];
  /** Chain indexes of the checkpoints verified. */
  checkpointIndexes: number[];
  /** The first failure; the walk stops there. */
  broken: Failure | undefined;
}

/** Section 5, steps 1 to 6, record by record, up to the first failure. */
function walkChain(records: readonly BundleRecord[], auditKey: AuditKey): Walk {
  const t = types();
  const leaves: Buffer[] = [];
  const frontier = new Frontier();
  let prev: Buffer = Buffer.alloc(32);
  let previous: { size: bigint; root: Buffer } = { size: 0n, root: Buffer.alloc(0) };
  const checkpointIndexes: number[] = [];
  for (const [i, { body, hash }] of records.entries()) {
    const bad = (reason: string): Walk => ({ leaves, checkpointIndexes, broken: { index: i, reason } });
    // 1. SHA-256(body) must equal hash.
    if (!sha256(body).equals(hash)) return bad('hash is not SHA-256(body)');
    // 2. body must decode as an AuditRecord.
    let record: Record<string, unknown>;
    try {
      record = decodePlain(t.AuditRecord, body);
    } catch (err) {
      return bad(`body is not an AuditRecord: ${(err as Error).message}`);
    }
    // 3. index must equal i.
    let index: bigint;
    try {
      index = u64(record['index'], 'index');
    } catch (err) {
      return bad((err as Error).message);
    }
    if (index !== BigInt(i)) return bad(`index ${index} at position ${i}`);
    // 4. prev_hash must equal prev.
    let prevHash: Buffer;
    try {
      prevHash = bytesOf(record['prev_hash'], 'prev_hash');
    } catch (err) {
      return bad((err as Error).message);
    }
    if (!prevHash.equals(prev)) return bad("prev_hash is not the previous record's hash");
    // 5. A checkpoint.
    const event = record['event'];
    const kind = event !== null && typeof event === 'object' ? (event as Record<string, unknown>)['kind'] : undefined;
    if (kind === t.checkpointKind) {
      let decoded: ReturnType<typeof decodeSignedCheckpoint>;
      try {
        decoded = decodeSignedCheckpoint(bytesOf((event as Record<string, unknown>)['checkpoint'], 'event.checkpoint'));
      } catch (err) {
        return bad(`checkpoint cannot be decoded: ${(err as Error).message}`);
      }
      const c = decoded.checkpoint;
      if (c.treeSize !== BigInt(i)) return bad(`checkpoint tree_size ${c.treeSize} at index ${i}`);
      const root = frontier.root();
      if (!c.rootHash.equals(root)) return bad('checkpoint root_hash is not the MTH of the records before it');
      if (c.previousSize !== previous.size || !c.previousRoot.equals(previous.root))
        return bad('checkpoint previous_size/previous_root is not the previous checkpoint');
      if (checkpointIndexes.length > 0 && !verifyConsistency(previous.size, c.treeSize, previous.root, c.rootHash, c.consistency)) {
        return bad('consistency proof from the previous checkpoint does not verify');
      }
      try {
        verifyDetachedJws(decoded.jws, decoded.checkpointBytes, auditKey);
      } catch (err) {
        return bad(`checkpoint signature: ${(err as Error).message}`);
      }
      previous = { size: c.treeSize, root: c.rootHash };
      checkpointIndexes.push(i);
    }
    // 6. prev = hash; the record's leaf joins the tree.
    prev = hash;
    const leaf = leafHash(body);
    leaves.push(leaf);
    frontier.push(leaf);
  }
  return { leaves, checkpointIndexes, broken: undefined };
}

export function verifyBundleIndependently(text: string, options: IndependentOptions = {}): IndependentVerdict {
  const parsed = parseBundle(text);
  if (!('records' in parsed)) return { ok: false, ...parsed };
  const { auditKey, records } = parsed;
  const { leaves, checkpointIndexes, broken: chainBroken } = walkChain(records, auditKey);
  // "Stop at the first failure. Then" the trusted checkpoint, over the leaves read; the
  // verdict is the lowest bad index of the two.
  let broken = chainBroken;
  const trusted = options.trustedCheckpoint;
  if (trusted) {
    const failure = checkTrusted(trusted, auditKey, leaves, checkpointIndexes);
    if (failure && (!broken || failure.index < broken.index)) broken = failure;
  }
  if (broken) return { ok: false, ...broken };
  const last = checkpointIndexes.at(-1);
  return {
    ok: true,
    records: records.length,
    checkpoints: checkpointIndexes.length,
    unsealed: last === undefined ? records.length : records.length - last - 1,
  };
}

/**
 * Section 5, "with a trusted checkpoint", over the leaves read (all of them, or those before
 * the first failure) and the checkpoints verified among them.
 */
function checkTrusted(
  trusted: { signedCheckpoint: string },
  auditKey: AuditKey,
  leaves: readonly Buffer[],
  checkpointIndexes: readonly number[],
): Failure | undefined {
  let held: CheckpointFields;
  try {
    const decoded = decodeSignedCheckpoint(fromBase64(trusted.signedCheckpoint, 'trusted signedCheckpoint'));
    verifyDetachedJws(decoded.jws, decoded.checkpointBytes, auditKey);
    held = decoded.checkpoint;
  } catch (err) {
    return { index: 0, reason: `trusted checkpoint: ${(err as Error).message}` };
  }
  if (held.treeSize > BigInt(leaves.length))
    return {
      index: leaves.length,
      reason: `the chain holds ${leaves.length} records, the trusted checkpoint ${held.treeSize}: its tail is missing`,
    };
  const size = Number(held.treeSize);
  const covering = checkpointIndexes.find((c) => c >= size);
  const at = covering ?? Math.max(size - 1, 0);
  if (!merkleTreeHash(leaves, 0, size).equals(held.rootHash))
    return { index: at, reason: "the chain does not extend the trusted checkpoint's tree" };
  if (
    covering !== undefined &&
    size > 0 &&
    !verifyConsistency(
      held.treeSize,
      BigInt(covering),
      held.rootHash,
      merkleTreeHash(leaves, 0, covering),
      consistencyProof(leaves, size, covering),
    )
  ) {
    return { index: covering, reason: 'the first checkpoint covering the trusted one is not consistent with it' };
  }
  return undefined;
}

/** RFC 9162 section 2.1.4.1 PROOF(m, D[n]), built from all leaf hashes (m <= n). */
function consistencyProof(leaves: readonly Buffer[], m: number, n: number): Buffer[] {
  if (m === n || m === 0) return [];
  const sub = (m2: number, lo: number, hi: number, b: boolean): Buffer[] => {
    const size = hi - lo;
    if (m2 === size) return b ? [] : [merkleTreeHash(leaves, lo, hi)];
    const k = splitPoint(size);
    if (m2 <= k) return [...sub(m2, lo, lo + k, b), merkleTreeHash(leaves, lo + k, hi)];
    return [...sub(m2 - k, lo + k, hi, false), merkleTreeHash(leaves, lo, lo + k)];
  };
  return sub(m, 0, n, true);
}
