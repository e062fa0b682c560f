import { base64url } from 'jose';
import { encodeNotice } from '../../libs/notice/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { NOTICE_TYP, signDetached, type SigningKey } from '../../libs/signing/index.js';

/** A SignedNotice around any bytes and JWS, for submissions the SDK would never make. */
export function envelope(noticeBytes: Uint8Array, jws: string, format = 1): Uint8Array {
  return v1.SignedNotice.encode({ format, notice: noticeBytes, jws }).finish();
}

/** Signs a notice without checking it first (the SDK's signNotice refuses bad ones). */
export async function signUnchecked(notice: CaseNoticeProps, key: SigningKey): Promise<Uint8Array> {
  const bytes = encodeNotice(notice);
  return envelope(bytes, await signDetached(bytes, key, NOTICE_TYP));
}

/** A detached JWS with an arbitrary protected header and a made-up signature. */
export function forgedJws(header: Record<string, unknown>): string {
  return `${base64url.encode(JSON.stringify(header))}..${base64url.encode(new Uint8Array(64))}`;
}
