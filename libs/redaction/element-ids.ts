import { keyedDigest } from '../signing/index.js';

/**
 * Element and person ids look random to recipients (keyed by the bus secret, so they
 * reveal neither position nor content) yet are the same on every attempt: a submission
 * redelivered after a crash yields byte-identical views.
 */
export function elementId(secret: Uint8Array, noticeId: string, kind: string, index: number): string {
  return keyedDigest(secret, 'accord/element-id', noticeId, kind, String(index)).subarray(0, 12).toString('base64url');
}
