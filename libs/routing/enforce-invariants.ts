import { CATEGORIES, type Category } from '../notice/index.js';
import { ENGINE_INVARIANTS, type InvariantId, type NoticeFacts } from '../policy/index.js';
import type { Agency } from '../registry/index.js';

/** What one invariant took away from what the rules gave a recipient. */
export interface InvariantRemoval {
  invariant: InvariantId;
  /** Sorted; only categories the rules had granted (and not denied). */
  removed: Category[];
}

const BEYOND_CORE: readonly Category[] = CATEGORIES.filter((c) => c !== 'core');

// A Record, so that an invariant the engine does not enforce does not compile.
const FORBIDDEN: Record<InvariantId, (n: NoticeFacts, r: Agency) => readonly Category[]> = {
  'witness-protection': (n, r) =>
    n.caveats.has('WITNESS_PROTECTION') && !(r.role === 'prosecutor' && n.addressees.has(r.id)) ? ['witness.identity'] : [],
  'research-core-only': (_n, r) => (r.role === 'research' ? BEYOND_CORE : []),
  'minors-on-route': (n, r) => (r.role === 'research' || !n.countries.has(r.country) ? ['minor.identity'] : []),
};

const INVARIANT_IDS: InvariantId[] = ENGINE_INVARIANTS.map((i) => i.id).sort();

/**
 * Removes what an engine invariant forbids from the categories the rules decided for a
 * delivered recipient, whatever the rules say, and records per invariant what it removed
 * (a category two invariants forbid is recorded under both), so the decision stays
 * explainable. The parser refuses policies that would need this; it is the engine's own
 * guarantee all the same.
 */
export function enforceInvariants(
  categories: ReadonlySet<Category>,
  facts: NoticeFacts,
  recipient: Agency,
): { kept: Category[]; invariants: InvariantRemoval[] } {
  const invariants: InvariantRemoval[] = [];
  const withheld = new Set<Category>();
  for (const invariant of INVARIANT_IDS) {
    const removed = FORBIDDEN[invariant](facts, recipient).filter((c) => categories.has(c));
    if (removed.length === 0) continue;
    invariants.push({ invariant, removed: [...removed].sort() });
    for (const c of removed) withheld.add(c);
  }
  return { kept: [...categories].filter((c) => !withheld.has(c)).sort(), invariants };
}
