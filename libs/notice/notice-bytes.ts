import { AccordError } from '../errors/index.js';
import { v1, type CaseNotice, type CaseNoticeProps } from '../proto/index.js';

export function encodeNotice(notice: CaseNoticeProps): Uint8Array {
  return v1.CaseNotice.encode(notice).finish();
}

/**
 * Decodes CaseNotice bytes and insists they are the canonical encoding of what they
 * decode to: no unknown fields, no duplicated or reordered fields. So the notice the bus
 * acts on is exactly, and only, what the signature covers. Throws E_DECODE.
 */
export function decodeNotice(bytes: Uint8Array): CaseNotice {
  let notice: CaseNotice;
  try {
    notice = v1.CaseNotice.decode(bytes);
  } catch (error) {
    throw new AccordError('E_DECODE', `notice bytes are not a CaseNotice: ${(error as Error).message}`, { cause: error });
  }
  const again = encodeNotice(notice);
  if (!Buffer.from(again).equals(Buffer.from(bytes))) {
    throw new AccordError('E_DECODE', 'notice bytes are not the canonical protobuf encoding (unknown, repeated or reordered fields)');
  }
  return notice;
}
