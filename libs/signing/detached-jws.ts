import { base64url, CompactSign, flattenedVerify, type CryptoKey } from 'jose';
import { AccordError } from '../errors/index.js';
import type { SigningKey } from './key-pair.js';

export const NOTICE_TYP = 'accord-notice+jws';
export const VIEW_TYP = 'accord-view+jws';
export const CHECKPOINT_TYP = 'accord-checkpoint+jws';

/** Header parameters that would let the sender choose the verification key. */
const FORBIDDEN_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'b64'] as const;

/**
 * Detached compact JWS (RFC 7515 appendix F): BASE64URL(header) + ".." + BASE64URL(sig),
 * the payload travelling beside it as the exact bytes signed.
 */
export async function signDetached(payload: Uint8Array, key: SigningKey, typ: string): Promise<string> {
  const jws = await new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ }).sign(key.privateKey);
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
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
  try {
    await flattenedVerify(
      { protected: header.encodedHeader, payload: base64url.encode(payload), signature: header.signature },
      key,
      { algorithms: ['EdDSA'] },
    );
  } catch (error) {
    throw new AccordError('E_SIGNATURE_INVALID', 'the signature does not verify over the payload', { cause: error });
  }
}
