export { tlpMembership, tlpRecipientSet } from './tlp-recipient-set.js';
export type { TlpMembership } from './tlp-recipient-set.js';
export { decideRouting } from './decide-routing.js';
export type { AgencyDecision, RoutingDecision } from './decide-routing.js';
export type { InvariantRemoval } from './enforce-invariants.js';
export { agencyDirectory, previewDraft } from './preview-draft.js';
export { planRelations, supersededNoticeId } from './plan-relations.js';
export type { ContentDelivery, ErasurePlan, RelationPlan, TombstonePlan } from './plan-relations.js';
export { admitWidenRequest, checkReleaseTerms, grantedTo, MAX_RELEASE_DAYS, widenedGrant } from './check-widen.js';
