import {
  analyseText,
  findIdentifiers,
  findValues,
  identifierKey,
  type IdentifierShape,
  type KnownValue,
  type ValueMatch,
} from '../detection/index.js';
import { marker } from '../free-text/index.js';
import type { Category } from '../notice/index.js';

/** Whom a value of the notice belongs to, as far as this recipient is concerned. */
export interface ValueOwner {
  category: Category;
  granted: boolean;
}

export type OwnedValue = KnownValue<ValueOwner>;

export interface ScrubContext {
  /** Every value of the notice the recipient's layer holds, granted or withheld. */
  values: readonly OwnedValue[];
  /** The category an identifier of unknown owner falls under for this recipient; undefined if it may see it. */
  identifierCategory: (shape: IdentifierShape) => Category | undefined;
}

export interface ScrubResult {
  text: string;
  /** Replacements made, by category. */
  counts: Map<Category, number>;
}

/** The most protected first: an overlap of two categories is named by the first. */
const PROTECTION_ORDER: Category[] = [
  'witness.identity',
  'minor.identity',
  'migrant.identity',
  'smuggler.identity',
  'financial',
  'location.precise',
  'conveyance',
  'person.profile',
  'summary',
  'core',
];
const moreProtected = (a: Category, b: Category): Category => (PROTECTION_ORDER.indexOf(a) <= PROTECTION_ORDER.indexOf(b) ? a : b);

interface Span {
  start: number;
  end: number;
  category: Category;
}

/**
 * "@haddad84" beside a granted Kamal Haddad is his: an identifier that shows a granted value
 * of the notice and no number of its own ("wa.me/kamalhaddad?phone=218941234567" has one)
 * is that value's owner's.
 */
function grantedOwns(text: string, id: { start: number; end: number }, granted: readonly ValueMatch<ValueOwner>[]): boolean {
  const shown = granted.filter((g) => g.value.kind !== 'phrase' && g.start < id.end && g.end > id.start);
  if (shown.length === 0) return false;
  const rest = text
    .slice(id.start, id.end)
    .split('')
    .map((c, i) => (shown.some((g) => id.start + i >= g.start && id.start + i < g.end) ? ' ' : c))
    .join('');
  return !/\d(?:\D{0,2}\d){4,}/.test(rest);
}

/**
 * A granted match that shows more of a person, a number or a date than a withheld one
 * around it explains it. A phrase (a label, a counterparty) explains nothing: a granted
 * counterparty "paid to Amina Tesfaye's cousin" does not make a withheld name in it granted.
 */
const EXPLAINING = new Set<OwnedValue['kind']>(['name', 'number', 'phone', 'date']);

function explained(w: { start: number; end: number; strength: number }, granted: readonly ValueMatch<ValueOwner>[]): boolean {
  return granted.some((g) => g.start <= w.start && g.end >= w.end && g.strength > w.strength);
}

/**
 * Replaces in free text every value withheld from the recipient, in any of the forms of
 * docs/redaction.md, and every identifier of unknown owner the recipient may not see, by
 * "[withheld:<category>]". A granted value that shows more than a withheld one in the same
 * place keeps it ("Kamal Haddad" stays when a withheld migrant is a Haddad too); where both
 * show as much ("Haddad" alone), the withheld one wins.
 */
export function scrubText(text: string, ctx: ScrubContext): ScrubResult {
  const counts = new Map<Category, number>();
  if (!text) return { text, counts };
  const analysed = analyseText(text);
  const matches = findValues(analysed, ctx.values);
  const granted = matches.filter((m) => m.value.tag.granted);
  const explaining = granted.filter((m) => EXPLAINING.has(m.value.kind));
  const spans: Span[] = matches
    .filter((m) => !m.value.tag.granted && !explained(m, explaining))
    .map((m) => ({ start: m.start, end: m.end, category: m.value.tag.category }));
  // An identifier that is a value of the notice is that value's: granted, it stays; withheld,
  // it is scrubbed under its own category.
  const grantedKeys = new Set(granted.map((g) => identifierKey(g.value.kind, g.value.value)));
  const known = matches.filter((m) => m.value.kind !== 'phrase');
  for (const id of findIdentifiers(analysed)) {
    const category = ctx.identifierCategory(id.shape);
    const owner = known.find((k) => k.start < id.end && k.end > id.start && !k.value.tag.granted);
    if (
      !category ||
      (!owner && grantedOwns(text, id, granted)) ||
      grantedKeys.has(id.key) ||
      granted.some((g) => g.start <= id.start && g.end >= id.end)
    )
      continue;
    spans.push({ start: id.start, end: id.end, category: owner ? owner.value.tag.category : category });
  }
  if (spans.length === 0) return { text, counts };

  // Overlapping spans merge, and so do spans of one category with only spaces or
  // punctuation between them ("HADDAD, Kamal" is one marker, not two).
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    const touching =
      last && (s.start <= last.end || (last.category === s.category && /^[\s,.\-–]{1,3}$/u.test(text.slice(last.end, s.start))));
    if (last && touching) {
      last.end = Math.max(last.end, s.end);
      last.category = moreProtected(last.category, s.category);
    } else merged.push({ ...s });
  }
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += text.slice(at, s.start) + marker(s.category);
    counts.set(s.category, (counts.get(s.category) ?? 0) + 1);
    at = s.end;
  }
  return { text: out + text.slice(at), counts };
}
