import type { Category } from '../notice/index.js';
import type { Role } from '../registry/index.js';
import { ENGINE_INVARIANTS, invariantStatement, type InvariantId } from './engine-invariants.js';
import type { Policy, PolicyRule, ValueSet } from './policy-model.js';

/**
 * A part of an invariant's scope (the notices and recipients where it forbids
 * categories). A rule granting a forbidden category must provably stay out of every part,
 * by its own conditions or because another rule withholds the category throughout it.
 */
interface ScopePart {
  /** The rule's own conditions never hold inside this part. */
  outside(rule: PolicyRule): boolean;
  /** The rule's conditions hold everywhere inside this part, so its deny or exclude covers it. */
  covers(rule: PolicyRule): boolean;
  /** How to fix a rule granting these categories inside this part. */
  fix(categories: readonly Category[]): string;
}

interface InvariantCheck {
  forbids: (category: Category) => boolean;
  parts: readonly ScopePart[];
}

/** One invariant a rule would break, the categories it grants against it, how to fix it. */
export interface InvariantBreach {
  invariant: InvariantId;
  categories: Category[];
  fixes: string[];
}

export interface RuleBreach {
  /** The rule's index in the policy's rules. */
  ruleIndex: number;
  ruleId: string;
  breaches: InvariantBreach[];
}

const keysOf = (match: object | undefined): string[] =>
  Object.entries(match ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
const unconditional = (rule: PolicyRule): boolean => keysOf(rule.notice).length === 0 && keysOf(rule.recipient).length === 0;
/** No notice condition, and exactly this one recipient condition. */
const onlyRecipient = (rule: PolicyRule, key: string): boolean => {
  const keys = keysOf(rule.recipient);
  return keysOf(rule.notice).length === 0 && keys.length === 1 && keys[0] === key;
};
const holdsFor = (set: ValueSet<Role>, role: Role): boolean => set.values.includes(role) !== set.negated;

// The scope: any notice, a recipient of role research.
const researchPart: ScopePart = {
  outside: (rule) => rule.recipient?.role !== undefined && !holdsFor(rule.recipient.role, 'research'),
  covers: (rule) =>
    unconditional(rule) || (onlyRecipient(rule, 'role') && rule.recipient?.role !== undefined && holdsFor(rule.recipient.role, 'research')),
  fix: (categories) =>
    `add \`role: { not: [research] }\` to its recipient conditions, or deny ${categories.join(', ')} to research in a rule of its own`,
};

// The scope: a recipient whose country is on no leg of the notice's route.
const offRoutePart: ScopePart = {
  outside: (rule) => rule.recipient?.onRoute === true || (rule.recipient?.routeLeg?.length ?? 0) > 0,
  covers: (rule) => unconditional(rule) || (onlyRecipient(rule, 'onRoute') && rule.recipient?.onRoute === false),
  fix: () => 'add `onRoute: true` or a `routeLeg` to its recipient conditions',
};

// The scope: a WITNESS_PROTECTION notice, and any recipient but an addressed prosecutor.
const protectedWitnessPart: ScopePart = {
  outside: (rule) => {
    if (rule.notice?.withoutCaveats?.includes('WITNESS_PROTECTION')) return true;
    const role = rule.recipient?.role;
    return role !== undefined && !role.negated && role.values.every((r) => r === 'prosecutor') && rule.recipient?.addressee === true;
  },
  // A deny under WITNESS_PROTECTION alone withholds witnesses from addressed prosecutors
  // too: stricter than the invariant, hence sound, and the policy author's choice.
  covers: (rule) => {
    if (unconditional(rule)) return true;
    const only = keysOf(rule.notice);
    const caveats = rule.notice?.withCaveats ?? [];
    return (
      keysOf(rule.recipient).length === 0 &&
      only.length === 1 &&
      only[0] === 'withCaveats' &&
      caveats.every((c) => c === 'WITNESS_PROTECTION')
    );
  },
  fix: () =>
    'add `withoutCaveats: [WITNESS_PROTECTION]` to its notice conditions, or `role: [prosecutor]` with `addressee: true` to its recipient conditions',
};

// A Record, so that an invariant without a static check does not compile.
const CHECKS: Record<InvariantId, InvariantCheck> = {
  'witness-protection': { forbids: (c) => c === 'witness.identity', parts: [protectedWitnessPart] },
  'research-core-only': { forbids: (c) => c !== 'core', parts: [researchPart] },
  'minors-on-route': { forbids: (c) => c === 'minor.identity', parts: [researchPart, offRoutePart] },
};

const INVARIANT_IDS: InvariantId[] = ENGINE_INVARIANTS.map((i) => i.id).sort();

/** Whether `category`, granted by `rule`, provably never reaches this part of the scope. */
function withheldIn(part: ScopePart, category: Category, rule: PolicyRule, rules: readonly PolicyRule[]): boolean {
  if (part.outside(rule) || rule.deny.includes(category)) return true;
  // Covers are taken one rule at a time: two rules covering half each are refused (sound, if strict).
  return rules.some((other) => (other.exclude || other.deny.includes(category)) && part.covers(other));
}

function breachOf(invariant: InvariantId, rule: PolicyRule, rules: readonly PolicyRule[]): InvariantBreach[] {
  const { forbids, parts } = CHECKS[invariant];
  const failed = parts
    .map((part) => ({ part, categories: rule.grant.filter((c) => forbids(c) && !withheldIn(part, c, rule, rules)).sort() }))
    .filter((f) => f.categories.length > 0);
  if (failed.length === 0) return [];
  const categories = [...new Set(failed.flatMap((f) => f.categories))].sort();
  return [{ invariant, categories, fixes: failed.map((f) => f.part.fix(f.categories)) }];
}

/**
 * The rules whose grants could break an engine invariant for some notice and recipient.
 * Conservative: a grant is accepted only when its own conditions keep it out of the
 * invariant's scope, or a single rule withholds it throughout the scope; when in doubt,
 * refuse. The engine enforces the invariants at routing anyway; this says so up front.
 */
export function findInvariantBreaches(policy: Policy): RuleBreach[] {
  return policy.rules.flatMap((rule, ruleIndex) => {
    // A rule that excludes delivers nothing where it matches: its grants never apply.
    if (rule.exclude) return [];
    const breaches = INVARIANT_IDS.flatMap((id) => breachOf(id, rule, policy.rules));
    return breaches.length > 0 ? [{ ruleIndex, ruleId: rule.id, breaches }] : [];
  });
}

/** One line per offending rule: the rule, each invariant with its statement, how to fix it. */
export function breachMessage(b: RuleBreach): string {
  const parts = b.breaches.map(
    (x) => `${x.invariant}: ${invariantStatement(x.invariant)}, but it grants ${x.categories.join(', ')} (fix: ${x.fixes.join(', and ')})`,
  );
  return `rule "${b.ruleId}" would break ${parts.length === 1 ? 'an engine invariant' : 'engine invariants'}: ${parts.join('; ')}`;
}
