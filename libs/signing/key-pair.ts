import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { AccordError } from '../errors/index.js';

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
}

export interface PrivateJwk extends PublicJwk {
  d: string;
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/** An Ed25519 key pair; `kid` is the RFC 7638 thumbprint of the public key, in both JWKs. */
export async function generateSigningKeyPair(): Promise<{ privateJwk: PrivateJwk; publicJwk: PublicJwk }> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const exported = await exportJWK(privateKey);
  if (typeof exported.x !== 'string' || typeof exported.d !== 'string') {
    throw new AccordError('E_STATE', 'generated Ed25519 key has no x or d');
  }
  const kid = await thumbprint(exported.x);
  return {
    privateJwk: { kty: 'OKP', crv: 'Ed25519', x: exported.x, d: exported.d, kid },
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: exported.x, kid },
  };
}

/** RFC 7638 thumbprint (SHA-256) of an Ed25519 public key given by its `x`. */
export function thumbprint(x: string): Promise<string> {
  return calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }, 'sha256');
}

function assertEd25519(json: unknown, what: string, needPrivate: boolean): asserts json is JWK & PublicJwk {
  const j = json as Partial<PrivateJwk> | null;
  if (typeof j !== 'object' || j === null || j.kty !== 'OKP' || j.crv !== 'Ed25519' || typeof j.x !== 'string') {
    throw new AccordError('E_USAGE', `${what} is not an Ed25519 JWK (kty OKP, crv Ed25519)`);
  }
  if (needPrivate && typeof j.d !== 'string')
    throw new AccordError('E_USAGE', `${what} is a public key; a private JWK (with "d") is needed`);
  if (!needPrivate && j.d !== undefined)
    throw new AccordError('E_USAGE', `${what} holds a private key; give the public JWK (the .pub file)`);
}

/** Parses a public JWK and checks its `kid` (when present) is its thumbprint. */
export async function parsePublicJwk(json: unknown, what: string): Promise<PublicJwk> {
  assertEd25519(json, what, false);
  const kid = await thumbprint(json.x);
  if (json.kid !== undefined && json.kid !== kid) {
    throw new AccordError('E_USAGE', `${what}: kid ${json.kid} is not the key's RFC 7638 thumbprint ${kid}`);
  }
  return { kty: 'OKP', crv: 'Ed25519', x: json.x, kid };
}

export async function signingKeyFromJwk(json: unknown, what: string): Promise<SigningKey> {
  assertEd25519(json, what, true);
  const kid = await thumbprint(json.x);
  const privateKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: json.x, d: (json as PrivateJwk).d }, 'EdDSA');
  if (privateKey instanceof Uint8Array) throw new AccordError('E_STATE', `${what}: not an asymmetric key`);
  return { kid, privateKey };
}

export async function verificationKeyFromJwk(jwk: PublicJwk): Promise<CryptoKey> {
  const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'EdDSA');
  if (key instanceof Uint8Array) throw new AccordError('E_STATE', 'not an asymmetric key');
  return key;
}
