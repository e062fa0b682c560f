import type { Category } from '../notice/index.js';
import { noticeFacts, type CompiledPolicy } from '../policy/index.js';
import type { CaseNoticeProps } from '../proto/index.js';
import type { Agency } from '../registry/index.js';
import { enforceInvariants, type InvariantRemoval } from './enforce-invariants.js';
import { tlpMembership, type TlpMembership } from './tlp-recipient-set.js';

/** One agency's part of a routing decision: delivered or not, what, and why. */
export interface AgencyDecision {
  agency: string;
  delivered: boolean;
  /** Why the agency is inside the notice's TLP recipient set, or 'outside'. */
  tlp: TlpMembership;
  categories: Category[];
  /** Every rule that matched this recipient (granting, denying or excluding). */
  ruleIds: string[];
  /** Categories a matching rule granted but another denied. */
  denied: Category[];
  /** What each engine invariant removed from what the rules gave, sorted by invariant; [] if nothing. */
  invariants: InvariantRemoval[];
}

export interface RoutingDecision {
  policyVersion: string;
  /** Every registered agency, delivered or not, sorted by id. */
  agencies: AgencyDecision[];
}

/**
 * Explainable routing of one notice. The TLP recipient set comes first and is the
 * engine's, whatever the rules say: rules decide who within it is delivered and what each
 * gets; they can narrow the set (exclude), never widen it. A delivered member always gets
 * `core`; nothing else unless a rule grants it; an explicit deny beats any grant. Last,
 * the engine's invariants remove what they forbid, whatever the rules granted.
 */
export function decideRouting(
  notice: CaseNoticeProps,
  issuer: Agency,
  agencies: readonly Agency[],
  policy: CompiledPolicy,
): RoutingDecision {
  const facts = noticeFacts(notice, issuer);
  const decisions = agencies.map((recipient): AgencyDecision => {
    const tlp = tlpMembership(notice, issuer, recipient, facts.countries);
    if (tlp === 'outside') return { agency: recipient.id, delivered: false, tlp, categories: [], ruleIds: [], denied: [], invariants: [] };
    const matched = policy.rules.filter((rule) => rule.matches(facts, recipient));
    const ruleIds = matched.map((r) => r.id);
    if (matched.some((r) => r.exclude))
      return { agency: recipient.id, delivered: false, tlp, categories: [], ruleIds, denied: [], invariants: [] };
    const denied = new Set(matched.flatMap((r) => r.deny));
    const granted = new Set<Category>(matched.flatMap((r) => r.grant));
    const ruled = new Set<Category>(['core', ...[...granted].filter((c) => !denied.has(c))]);
    const { kept, invariants } = enforceInvariants(ruled, facts, recipient);
    return {
      agency: recipient.id,
      delivered: true,
      tlp,
      categories: kept,
      ruleIds,
      denied: [...granted].filter((c) => denied.has(c)).sort(),
      invariants,
    };
  });
  decisions.sort((a, b) => a.agency.localeCompare(b.agency));
  return { policyVersion: policy.version, agencies: decisions };
}
