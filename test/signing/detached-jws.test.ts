import { describe, expect, test } from 'vitest';
import { base64url, CompactSign, flattenedVerify } from 'jose';
import {
  generateSigningKeyPair,
  inspectDetached,
  NOTICE_TYP,
  signDetached,
  signingKeyFromJwk,
  thumbprint,
  verificationKeyFromJwk,
  verifyDetached,
} from '../../libs/signing/index.js';

const payload = new TextEncoder().encode('notice bytes');

async function keys() {
  const { privateJwk, publicJwk } = await generateSigningKeyPair();
  return { signing: await signingKeyFromJwk(privateJwk, 'test'), verifying: await verificationKeyFromJwk(publicJwk), publicJwk };
}

function header(fields: Record<string, unknown>): string {
  return `${base64url.encode(JSON.stringify(fields))}..${base64url.encode(new Uint8Array(64))}`;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return undefined;
}

describe('detached JWS (RFC 7515 appendix F) with EdDSA', () => {
  test('the kid is the RFC 7638 thumbprint of the public key', async () => {
    const { publicJwk } = await keys();
    expect(publicJwk.kid).toBe(await thumbprint(publicJwk.x));
  });

  test('a signature verifies over exactly the signed bytes', async () => {
    const { signing, verifying } = await keys();
    const jws = await signDetached(payload, signing, NOTICE_TYP);
    expect(jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    await expect(verifyDetached(inspectDetached(jws, NOTICE_TYP), payload, verifying)).resolves.toBeUndefined();
  });

  test('one changed byte makes it E_SIGNATURE_INVALID', async () => {
    const { signing, verifying } = await keys();
    const jws = await signDetached(payload, signing, NOTICE_TYP);
    const changed = Uint8Array.from(payload, (b, i) => (i === 0 ? b ^ 1 : b));
    await expect(verifyDetached(inspectDetached(jws, NOTICE_TYP), changed, verifying)).rejects.toMatchObject({
      code: 'E_SIGNATURE_INVALID',
    });
  });

  test('another key makes it E_SIGNATURE_INVALID', async () => {
    const a = await keys();
    const b = await keys();
    const jws = await signDetached(payload, a.signing, NOTICE_TYP);
    await expect(verifyDetached(inspectDetached(jws, NOTICE_TYP), payload, b.verifying)).rejects.toMatchObject({
      code: 'E_SIGNATURE_INVALID',
    });
  });

  test('a signature made here verifies with jose (standard JWS), and one made by jose verifies here', async () => {
    const { signing, verifying } = await keys();
    const [ours, , oursSignature] = (await signDetached(payload, signing, NOTICE_TYP)).split('.');
    await expect(
      flattenedVerify({ protected: ours ?? '', payload: base64url.encode(payload), signature: oursSignature ?? '' }, verifying, {
        algorithms: ['EdDSA'],
      }),
    ).resolves.toBeDefined();
    const [theirs, , theirSignature] = (
      await new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA', kid: signing.kid, typ: NOTICE_TYP }).sign(signing.privateKey)
    ).split('.');
    await expect(verifyDetached(inspectDetached(`${theirs}..${theirSignature}`, NOTICE_TYP), payload, verifying)).resolves.toBeUndefined();
  });

  test('a signature with characters beyond its 64 bytes is E_SIGNATURE_INVALID, even where lenient base64 would ignore them', async () => {
    const { signing, verifying } = await keys();
    const jws = await signDetached(payload, signing, NOTICE_TYP);
    await expect(verifyDetached(inspectDetached(`${jws}=`, NOTICE_TYP), payload, verifying)).rejects.toMatchObject({
      code: 'E_SIGNATURE_INVALID',
    });
    await expect(verifyDetached(inspectDetached(`${jws}A`, NOTICE_TYP), payload, verifying)).rejects.toMatchObject({
      code: 'E_SIGNATURE_INVALID',
    });
  });

  test.each([
    ['alg none', { alg: 'none', kid: 'k', typ: NOTICE_TYP }, 'E_ALG_FORBIDDEN'],
    ['alg HS256', { alg: 'HS256', kid: 'k', typ: NOTICE_TYP }, 'E_ALG_FORBIDDEN'],
    ['alg RS256', { alg: 'RS256', kid: 'k', typ: NOTICE_TYP }, 'E_ALG_FORBIDDEN'],
    ['an embedded jwk', { alg: 'EdDSA', kid: 'k', typ: NOTICE_TYP, jwk: {} }, 'E_HEADER_FORBIDDEN'],
    ['a jku', { alg: 'EdDSA', kid: 'k', typ: NOTICE_TYP, jku: 'https://x' }, 'E_HEADER_FORBIDDEN'],
    ['an x5c', { alg: 'EdDSA', kid: 'k', typ: NOTICE_TYP, x5c: [] }, 'E_HEADER_FORBIDDEN'],
    ['a crit entry', { alg: 'EdDSA', kid: 'k', typ: NOTICE_TYP, crit: ['exp'] }, 'E_HEADER_FORBIDDEN'],
    ['another typ', { alg: 'EdDSA', kid: 'k', typ: 'JWT' }, 'E_HEADER_FORBIDDEN'],
    ['no kid', { alg: 'EdDSA', typ: NOTICE_TYP }, 'E_HEADER_FORBIDDEN'],
  ])('a header with %s is refused before any key is looked up', (_name, fields, code) => {
    expect(codeOf(() => inspectDetached(header(fields), NOTICE_TYP))).toBe(code);
  });

  test('an attached (non-detached) JWS is refused as E_DECODE', () => {
    const attached = `${base64url.encode(JSON.stringify({ alg: 'EdDSA', kid: 'k', typ: NOTICE_TYP }))}.${base64url.encode(payload)}.sig`;
    expect(codeOf(() => inspectDetached(attached, NOTICE_TYP))).toBe('E_DECODE');
  });
});
