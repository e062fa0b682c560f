import type { DisclosedNotice } from '../disclosure/index.js';
import { personValues, type Category } from '../notice/index.js';
import { type v1 } from '../proto/index.js';
import { categoriesForIdentity, identityCategory, personOf } from './identity-category.js';
import type { OwnedValue } from './scrub-text.js';

/**
 * Words of a label, an institution or a counterparty that name something on their own
 * ("Zuwara" of "Zuwara beach", "Warsame" of "hawala agent Abdi Warsame"): capitalised,
 * four letters or more, not a generic word.
 */
const GENERIC_WORDS = new Set([
  'bank',
  'banque',
  'banca',
  'agent',
  'agency',
  'beach',
  'port',
  'harbour',
  'harbor',
  'point',
  'road',
  'street',
  'boat',
  'vessel',
  'company',
  'exchange',
  'money',
  'office',
  'station',
  'camp',
  'desert',
  'coast',
  'island',
  'city',
  'town',
  'village',
  'north',
  'south',
  'east',
  'west',
  'landing',
  'market',
  'transfer',
  'union',
  'international',
  'limited',
  'trading',
  'services',
  'group',
  'hotel',
  'house',
  'farm',
  'warehouse',
  'courier',
  'hawala',
  'shop',
  'store',
  'center',
  'centre',
  'airport',
  'border',
  'crossing',
]);

function distinctiveWords(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(/[^\p{L}\p{N}'’-]+/u)
    .filter((w) => w.length >= 4 && /^\p{Lu}/u.test(w) && !GENERIC_WORDS.has(w.toLowerCase()));
}

/** The category a person's identity is withheld under for a grant set, or undefined if granted. */
export function missingIdentityCategory(person: v1.Person.$Properties, granted: ReadonlySet<Category>): Category | undefined {
  return categoriesForIdentity(person).find((c) => !granted.has(c));
}

/**
 * Every value of a layer of the notice that free text could mention, each with the
 * category it belongs to and whether the grant set may see it.
 */
export function noticeValues(notice: DisclosedNotice, granted: ReadonlySet<Category>): OwnedValue[] {
  const out: OwnedValue[] = [];
  const add = (category: Category, isGranted: boolean, kind: OwnedValue['kind'], value: string | null | undefined): void => {
    if (value) out.push({ kind, value, tag: { category, granted: isGranted } });
  };
  for (const p of notice.persons) {
    if (!p.identity) continue;
    const person = personOf(p);
    const missing = missingIdentityCategory(person, granted);
    const category = missing ?? identityCategory(person.role);
    for (const v of personValues(p.identity.value)) add(category, !missing, v.kind, v.value);
  }
  const has = (c: Category): boolean => granted.has(c);
  // A phrase's own words are looked for only where the phrase is withheld: granted, they
  // would explain a withheld name that happens to be one of them ("driver is Amina's brother").
  const distinct = (category: Category, phrase: string | null | undefined): void => {
    if (!has(category)) for (const w of distinctiveWords(phrase)) add(category, false, 'name', w);
  };
  for (const c of notice.conveyances) {
    add('conveyance', has('conveyance'), 'phrase', c.value.identifier);
    distinct('conveyance', c.value.identifier);
    // Its registration or hull numbers are numbers; "pick-up truck of Yonas Berhane" is not one.
    for (const code of (c.value.identifier ?? '').split(/\s+/).filter((w) => /\d{3}/.test(w)))
      add('conveyance', has('conveyance'), 'number', code);
  }
  for (const f of notice.financial) {
    add('financial', has('financial'), 'number', f.value.account);
    add('financial', has('financial'), 'amount', f.value.amount);
    for (const field of [f.value.institution, f.value.counterparty]) {
      add('financial', has('financial'), 'phrase', field);
      distinct('financial', field);
    }
  }
  for (const l of notice.locations) {
    add('location.precise', has('location.precise'), 'phrase', l.value.label);
    distinct('location.precise', l.value.label);
    add('location.precise', has('location.precise'), 'coordinate', String(l.value.lat ?? ''));
    add('location.precise', has('location.precise'), 'coordinate', String(l.value.lon ?? ''));
  }
  for (const s of notice.summarySpans) {
    if (s.value.category === 'summary') continue;
    add(s.value.category as Category, granted.has(s.value.category as Category), 'phrase', s.value.text);
  }
  return out;
}
