export { tlpMembership, tlpRecipientSet } from './tlp-recipient-set.js';
export type { TlpMembership } from './tlp-recipient-set.js';
export { decideRouting } from './decide-routing.js';
export type { AgencyDecision, RoutingDecision } from './decide-routing.js';
export type { InvariantRemoval } from './enforce-invariants.js';
export { agencyDirectory, previewDraft } from './preview-draft.js';
export { planRelations, supersededNoticeId } from './plan-relations.js';
export type { ContentDelivery, ErasurePlan, RegisterChange, RelationPlan, TombstonePlan } from './plan-relations.js';
export {
  admitWidenRequest,
  checkReleaseTerms,
  checkWidenText,
  grantedTo,
  MAX_RELEASE_DAYS,
  MAX_WIDEN_TEXT,
  widenedGrant,
} from './check-widen.js';
export { readRelatedNotices } from './read-related-notices.js';
export type { RelatedNotices } from './read-related-notices.js';
export { explainRelations } from './explain-relations.js';
export type { RelationsExplained } from './explain-relations.js';
export { claimedBy, ownRecord, unclaimedBy, withDelivery, withdrawnBy } from './register-changes.js';
