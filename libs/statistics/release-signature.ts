import type { CryptoKey } from 'jose';
import { AccordError, errorMessage } from '../errors/index.js';
import { v1 } from '../proto/index.js';
import { inspectDetached, signDetached, STATISTICS_TYP, verifyDetached, type SigningKey } from '../signing/index.js';
import { parseRelease } from './parse-release.js';
import type { Release } from './release.js';

/** A release as published: its JSON text and the bus's detached signature over exactly that text. */
export async function signStatisticsRelease(release: Release, busKey: SigningKey): Promise<{ text: Uint8Array; signed: Uint8Array }> {
  const text = new TextEncoder().encode(JSON.stringify(release));
  const jws = await signDetached(text, busKey, STATISTICS_TYP);
  return { text, signed: v1.SignedRelease.encode({ format: 1, release: text, jws }).finish() };
}

/**
 * A published release, its signature checked against the bus's public key before its text
 * is read; E_SIGNATURE_INVALID (or the JWS's own code) when it does not verify, E_DECODE
 * when it cannot be read at all.
 */
export async function openStatisticsRelease(bytes: Uint8Array, bus: { kid: string; key: CryptoKey }): Promise<Release> {
  let signed: v1.SignedRelease;
  try {
    signed = v1.SignedRelease.decode(bytes);
  } catch (error) {
    throw new AccordError('E_DECODE', `a statistical release is not a SignedRelease: ${errorMessage(error)}`, { cause: error });
  }
  if (signed.format !== 1) throw new AccordError('E_DECODE', `a statistical release has format ${signed.format}; this version reads 1`);
  const header = inspectDetached(signed.jws, STATISTICS_TYP);
  if (header.kid !== bus.kid)
    throw new AccordError('E_UNKNOWN_KID', `a statistical release is signed by ${header.kid}, not the bus key ${bus.kid}`);
  await verifyDetached(header, signed.release, bus.key);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(signed.release));
  } catch (error) {
    throw new AccordError('E_DECODE', 'a signed statistical release is not JSON text', { cause: error });
  }
  return parseRelease(json);
}
