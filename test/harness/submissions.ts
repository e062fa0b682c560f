import { base64url } from 'jose';
import { decodeManifest, discloseNotice, openDisclosures, SUBMISSION_CODES, type DisclosedNotice } from '../../libs/disclosure/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { NOTICE_TYP, signDetached, type SigningKey } from '../../libs/signing/index.js';

/** A SignedNotice around any parts, for submissions the SDK would never make. */
export function envelope(manifest: Uint8Array, jws: string, disclosures: Uint8Array[] = [], format = 2): Uint8Array {
  return v1.SignedNotice.encode({ format, jws, manifest, disclosures }).finish();
}

/** Signs a notice without checking it first (the SDK's signNotice refuses bad ones). */
export async function signUnchecked(notice: CaseNoticeProps, key: SigningKey): Promise<Uint8Array> {
  const { manifest, disclosures } = discloseNotice(notice);
  return envelope(manifest, await signDetached(manifest, key, NOTICE_TYP), disclosures);
}

/** A detached JWS with an arbitrary protected header and a made-up signature. */
export function forgedJws(header: Record<string, unknown>): string {
  return `${base64url.encode(JSON.stringify(header))}..${base64url.encode(new Uint8Array(64))}`;
}

/** A notice as its disclosures carry it, for redaction tests. */
export function disclosed(notice: CaseNoticeProps): { notice: DisclosedNotice; manifest: Uint8Array } {
  const { manifest, disclosures } = discloseNotice(notice);
  return { notice: openDisclosures(decodeManifest(manifest, 'E_DECODE'), disclosures, SUBMISSION_CODES), manifest };
}
