export { tlpMembership, tlpRecipientSet } from './tlp-recipient-set.js';
export type { TlpMembership } from './tlp-recipient-set.js';
export { BUILTIN_POLICY_VERSION, BUILTIN_RULES } from './builtin-grants.js';
export type { GrantContext, GrantRule } from './builtin-grants.js';
export { decideRouting } from './decide-routing.js';
export type { AgencyDecision, RoutingDecision } from './decide-routing.js';
