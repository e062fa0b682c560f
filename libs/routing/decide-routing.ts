import type { Category } from '../notice/index.js';
import type { CaseNoticeProps } from '../proto/index.js';
import type { Agency } from '../registry/index.js';
import { BUILTIN_POLICY_VERSION, BUILTIN_RULES, type GrantRule } from './builtin-grants.js';
import { tlpMembership, type TlpMembership } from './tlp-recipient-set.js';

/** One agency's part of a routing decision: delivered or not, what, and why. */
export interface AgencyDecision {
  agency: string;
  delivered: boolean;
  tlp: TlpMembership;
  categories: Category[];
  ruleIds: string[];
}

export interface RoutingDecision {
  policyVersion: string;
  /** Every registered agency, delivered or not, sorted by id. */
  agencies: AgencyDecision[];
}

/** Explainable routing of one notice: the TLP set first, then the grant rules within it. */
export function decideRouting(
  notice: CaseNoticeProps,
  issuer: Agency,
  agencies: readonly Agency[],
  rules: readonly GrantRule[] = BUILTIN_RULES,
  policyVersion = BUILTIN_POLICY_VERSION,
): RoutingDecision {
  const decisions = agencies.map((recipient): AgencyDecision => {
    const tlp = tlpMembership(notice, issuer, recipient);
    if (tlp === 'outside') return { agency: recipient.id, delivered: false, tlp, categories: [], ruleIds: [] };
    const ctx = { notice, recipient, addressee: tlp === 'addressee' };
    const applying = rules.filter((r) => r.applies(ctx));
    const exclusion = applying.find((r) => r.excludes);
    if (exclusion) return { agency: recipient.id, delivered: false, tlp, categories: [], ruleIds: [exclusion.id] };
    const granted = new Set<Category>(['core']);
    for (const rule of applying) for (const c of rule.grants) granted.add(c);
    return {
      agency: recipient.id,
      delivered: true,
      tlp,
      categories: [...granted].sort(),
      ruleIds: applying.map((r) => r.id),
    };
  });
  decisions.sort((a, b) => a.agency.localeCompare(b.agency));
  return { policyVersion, agencies: decisions };
}
