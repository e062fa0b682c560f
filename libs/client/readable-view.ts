import { describeHandling, handlingNames } from '../notice/index.js';
import { messageToJson } from '../proto/index.js';
import type { VerifiedView } from './verify-view.js';

/**
 * A verified view as people read it: every element with its value, originals and
 * derived, and the originator's handling codes (also in `core.handling`) each with its
 * meaning; the signed parts (manifest, disclosures) stay in the SignedView bytes, kept
 * beside it, for anyone to verify again.
 */
export function readableView(verified: VerifiedView): Record<string, unknown> {
  const { view, elements } = verified;
  const { manifest: _m, manifestJws: _j, disclosures: _d, granted: _g, ...readable } = messageToJson('accord.v1.DeliveredView', view);
  const handling = describeHandling(handlingNames(view.core?.handling));
  return {
    ...readable,
    ...(handling.length > 0 ? { handling } : {}),
    elements: elements.map((e) => messageToJson('accord.v1.ViewElement', e)),
  };
}
