import type { Category } from '../notice/index.js';
import { v1, type CaseNoticeProps } from '../proto/index.js';
import { LAW_ENFORCEMENT, type Agency, type Role } from '../registry/index.js';

/** Version recorded with every decision made under this table. */
export const BUILTIN_POLICY_VERSION = 'builtin-1';

export interface GrantContext {
  notice: CaseNoticeProps;
  recipient: Agency;
  addressee: boolean;
}

export interface GrantRule {
  id: string;
  /** Categories granted when the rule applies. */
  grants: readonly Category[];
  applies(ctx: GrantContext): boolean;
  /** A rule that, when it applies, stops delivery to the recipient altogether. */
  excludes?: boolean;
}

const hasCaveat = (n: CaseNoticeProps, c: number): boolean => (n.caveats ?? []).includes(c);
const roleIn = (roles: readonly Role[]) => (ctx: GrantContext): boolean => roles.includes(ctx.recipient.role);
const lawEnforcement = (ctx: GrantContext): boolean => LAW_ENFORCEMENT.has(ctx.recipient.role);

/**
 * The first, built-in grant table (the policy language replaces it). Nothing beyond
 * `core` is granted unless a rule below grants it; no recipient gets `summary` until
 * free-text scrubbing exists.
 */
export const BUILTIN_RULES: readonly GrantRule[] = [
  {
    // Statistics bodies see only what is meant for wide sharing.
    id: 'builtin.research-clear-green-only',
    grants: [],
    excludes: true,
    applies: (ctx) => ctx.recipient.role === 'research' && ctx.notice.tlp !== v1.Tlp.CLEAR && ctx.notice.tlp !== v1.Tlp.GREEN,
  },
  {
    id: 'builtin.person-profile',
    grants: ['person.profile'],
    applies: (ctx) => ctx.recipient.role !== 'research',
  },
  {
    id: 'builtin.smuggler-identity',
    grants: ['smuggler.identity'],
    applies: (ctx) => lawEnforcement(ctx) || roleIn(['prosecutor', 'liaison-office'])(ctx),
  },
  {
    id: 'builtin.financial',
    grants: ['financial'],
    applies: (ctx) =>
      roleIn(['fiu', 'prosecutor'])(ctx) ||
      (ctx.recipient.role === 'police' && hasCaveat(ctx.notice, v1.Caveat.FINANCIAL_INVESTIGATION)),
  },
  {
    // Under witness protection only a prosecutor the issuer addressed learns who they are.
    id: 'builtin.witness-identity',
    grants: ['witness.identity'],
    applies: (ctx) =>
      ctx.recipient.role === 'prosecutor' && (!hasCaveat(ctx.notice, v1.Caveat.WITNESS_PROTECTION) || ctx.addressee),
  },
  {
    // Migrants are not criminals for having been smuggled: their identity goes to
    // immigration and protection bodies only.
    id: 'builtin.migrant-identity',
    grants: ['migrant.identity'],
    applies: roleIn(['immigration', 'protection']),
  },
  {
    id: 'builtin.minor-identity',
    grants: ['minor.identity'],
    applies: roleIn(['protection']),
  },
  {
    id: 'builtin.location-precise',
    grants: ['location.precise'],
    applies: lawEnforcement,
  },
  {
    id: 'builtin.conveyance',
    grants: ['conveyance'],
    applies: (ctx) => lawEnforcement(ctx) || ctx.recipient.role === 'liaison-office',
  },
];
