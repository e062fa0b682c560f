import { KeyObject, sign, verify } from 'node:crypto';
import { base64url, type CryptoKey } from 'jose';
import { AccordError } from '../errors/index.js';
import type { SigningKey } from './key-pair.js';

export const NOTICE_TYP = 'accord-notice+jws';
export const VIEW_TYP = 'accord-view+jws';
export const CHECKPOINT_TYP = 'accord-checkpoint+jws';
/** The protected manifest of a WITNESS_PROTECTION notice, signed apart so neither can stand for the other. */
export const PROTECTED_TYP = 'accord-protected+jws';
/** An issuer's release of more of a notice to one recipient (a request to widen, approved). */
export const RELEASE_TYP = 'accord-release+jws';
/** A statistical release, signed by the bus key: a typ of its own, so it can stand for no view. */
export const STATISTICS_TYP = 'accord-statistics+jws';

/** Header parameters that would let the sender choose the verification key. */
const FORBIDDEN_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'b64'] as const;

/** An Ed25519 signature is 64 bytes: 86 base64url characters, unpadded. */
const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{86}$/;

/**
 * jose's keys are WebCrypto keys, whose operations are asynchronous and slow per call;
 * node:crypto signs and verifies the same Ed25519 keys synchronously several times faster.
 */
const keyObjects = new WeakMap<CryptoKey, KeyObject>();
function keyObjectOf(key: CryptoKey): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = KeyObject.from(key);
    keyObjects.set(key, object);
  }
  return object;
}

const signingInput = (encodedHeader: string, payload: Uint8Array): Buffer =>
  Buffer.from(`${encodedHeader}.${Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64url')}`);

/**
 * Detached compact JWS (RFC 7515 appendix F): BASE64URL(header) + ".." + BASE64URL(sig),
 * the payload travelling beside it as the exact bytes signed.
 */
export async function signDetached(payload: Uint8Array, key: SigningKey, typ: string): Promise<string> {
  const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: key.kid, typ })).toString('base64url');
  const signature = sign(null, signingInput(header, payload), keyObjectOf(key.privateKey));
  return `${header}..${signature.toString('base64url')}`;
}

export interface DetachedHeader {
  kid: string;
  encodedHeader: string;
  signature: string;
}

/**
 * Checks a detached JWS's shape and protected header before any key is looked up:
 * EdDSA only, no key-carrying or critical parameters, the expected `typ`, a `kid`.
 */
export function inspectDetached(jws: string, typ: string): DetachedHeader {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts[1] !== '' || !parts[0] || !parts[2]) {
    throw new AccordError('E_DECODE', 'the JWS is not a detached compact JWS (header..signature)');
  }
  const [encodedHeader, , signature] = parts as [string, string, string];
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(encodedHeader)));
  } catch (error) {
    throw new AccordError('E_DECODE', 'the JWS protected header is not base64url JSON', { cause: error });
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new AccordError('E_DECODE', 'the JWS protected header is not a JSON object');
  }
  const h = header as Record<string, unknown>;
  if (h.alg !== 'EdDSA') throw new AccordError('E_ALG_FORBIDDEN', `JWS alg ${JSON.stringify(h.alg)} is not allowed: only EdDSA`);
  for (const name of FORBIDDEN_HEADERS) {
    if (name in h) throw new AccordError('E_HEADER_FORBIDDEN', `JWS header parameter "${name}" is not allowed`);
  }
  if ('crit' in h) throw new AccordError('E_HEADER_FORBIDDEN', 'JWS header "crit" is not allowed: no extensions are understood');
  if (h.typ !== typ) throw new AccordError('E_HEADER_FORBIDDEN', `JWS typ ${JSON.stringify(h.typ)} is not "${typ}"`);
  if (typeof h.kid !== 'string' || h.kid === '') throw new AccordError('E_HEADER_FORBIDDEN', 'JWS header has no kid');
  return { kid: h.kid, encodedHeader, signature };
}

/** Verifies the signature over exactly `payload`, with the algorithm pinned to EdDSA. */
export async function verifyDetached(header: DetachedHeader, payload: Uint8Array, key: CryptoKey): Promise<void> {
  const object = keyObjectOf(key);
  const valid =
    SIGNATURE_PATTERN.test(header.signature) &&
    object.asymmetricKeyType === 'ed25519' &&
    verify(null, signingInput(header.encodedHeader, payload), object, Buffer.from(header.signature, 'base64url'));
  if (!valid) throw new AccordError('E_SIGNATURE_INVALID', 'the signature does not verify over the payload');
}
