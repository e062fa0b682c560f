import { describeHandling, handlingNames } from '../notice/index.js';
import { messageToJson } from '../proto/index.js';
import { relationsOf } from './notice-relations.js';
import type { VerifiedView } from './verify-view.js';

/**
 * A verified view as people read it: every element with its value, originals and
 * derived, the originator's handling codes (also in `core.handling`) each with its
 * meaning, and the earlier notices it answers or updates (also among the elements, as
 * relations/<id>); a tombstone as its `tombstone`. The signed parts (manifest,
 * disclosures) stay in the SignedView bytes, kept beside it, for anyone to verify again.
 */
export function readableView(verified: VerifiedView): Record<string, unknown> {
  const { view, elements } = verified;
  const { manifest: _m, manifestJws: _j, disclosures: _d, granted: _g, ...readable } = messageToJson('accord.v1.DeliveredView', view);
  const handling = describeHandling(handlingNames(view.core?.handling));
  const relations = relationsOf(verified);
  return {
    ...readable,
    ...(handling.length > 0 ? { handling } : {}),
    ...(relations.length > 0 ? { relations } : {}),
    elements: elements.map((e) => messageToJson('accord.v1.ViewElement', e)),
  };
}
