export { parsePolicy } from './parse-policy.js';
export { compilePolicy, noticeFacts } from './compile-policy.js';
export type { CompiledPolicy, CompiledRule, NoticeFacts } from './compile-policy.js';
export { ENGINE_INVARIANTS, invariantStatement } from './engine-invariants.js';
export type { InvariantId } from './engine-invariants.js';
export { formatProblem, PolicyInvalidError } from './policy-errors.js';
export type { PolicyProblem, ProblemLocation } from './policy-errors.js';
export type { AgencyMatch, NoticeMatch, Policy, PolicyRule, RecipientMatch, RouteLeg, ValueSet } from './policy-model.js';
export { compilePolicyText, compilePolicyTextEnforced, readPolicyFile } from './load-policy.js';
