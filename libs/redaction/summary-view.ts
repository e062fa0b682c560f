import type { DisclosedElement, DisclosedNotice } from '../disclosure/index.js';
import { parseTemplate, renderTemplate, resolvePlaceholder, type Placeholder, type RenderSources } from '../free-text/index.js';
import { isCategory, type Category } from '../notice/index.js';
import { type v1 } from '../proto/index.js';
import { categoriesForIdentity, identityCategory, personOf } from './identity-category.js';
import { scrubText, type ScrubContext } from './scrub-text.js';

/**
 * Where a recipient's pseudonym for a person goes in a text rendered once for a grant set:
 * a character of Unicode's private use plane 15, one per person, replaced per recipient.
 */
const SLOT_BASE = 0xf0000;
const SLOTS = /[\u{f0000}-\u{ffffd}]/u;
const ALL_SLOTS = /[\u{f0000}-\u{ffffd}]/gu;
const ONE_SLOT = /^[\u{f0000}-\u{ffffd}]$/u;

export const pseudonymSlot = (i: number): string => String.fromCodePoint(SLOT_BASE + i);

/** The recipient's text: each slot replaced by its pseudonym. */
export function fillPseudonymSlots(text: string, pseudonyms: readonly string[]): string {
  return text.replace(ALL_SLOTS, (c) => pseudonyms[(c.codePointAt(0) ?? 0) - SLOT_BASE] ?? '');
}

export interface SummaryView {
  /** Original disclosures passed on as the originator made them, with their categories. */
  passed: { element: DisclosedElement<unknown>; category: Category }[];
  /** The text the recipient reads, when the bus rendered or scrubbed it (pseudonym slots in it). */
  derived?: string;
  withheld: { path: string; category: Category; count: number }[];
}

export interface SummaryInput {
  layer: DisclosedNotice;
  granted: ReadonlySet<Category>;
  scrub: ScrubContext;
  /** The category each withheld element of the view is listed under. */
  withheldCategory: (path: string) => Category | undefined;
  /** The slot of a person's pseudonym, where the recipient sees the profile but not the identity. */
  pseudonymSlot: (personId: string) => string | undefined;
}

function personById(layer: DisclosedNotice, id: string): v1.Person.$Properties | undefined {
  const p = layer.persons.find((x) => x.id === id);
  return p && personOf(p);
}

/** The categories a reader needs to see what a placeholder shows. */
function placeholderCategories(p: Placeholder, layer: DisclosedNotice): Category[] {
  const [kind, id = ''] = p.path.split('/');
  if (kind === 'persons') {
    const person = personById(layer, id);
    if (p.path.endsWith('/profile')) return ['person.profile'];
    return person ? categoriesForIdentity(person) : ['witness.identity'];
  }
  if (kind === 'summary') {
    const category = layer.summarySpans.find((s) => s.path === p.path)?.value.category ?? '';
    return [isCategory(category) ? category : 'witness.identity'];
  }
  return [kind === 'conveyances' ? 'conveyance' : kind === 'financial' ? 'financial' : 'location.precise'];
}

/** The granted elements' values by path, as a template reads them. */
function grantedValues(
  layer: DisclosedNotice,
  granted: ReadonlySet<Category>,
  withheldCategory: SummaryInput['withheldCategory'],
): Map<string, { element: DisclosedElement<unknown>; category: Category }> {
  const out = new Map<string, { element: DisclosedElement<unknown>; category: Category }>();
  const put = (element: DisclosedElement<unknown>, category: Category): void => {
    if (!withheldCategory(element.path)) out.set(element.path, { element, category });
  };
  for (const p of layer.persons) {
    if (granted.has('person.profile')) put(p.profile, 'person.profile');
    if (p.identity) put(p.identity, identityCategory(p.profile.value.role));
  }
  for (const c of layer.conveyances) put(c, 'conveyance');
  for (const f of layer.financial) put(f, 'financial');
  for (const l of layer.locations) put(l, 'location.precise');
  for (const s of layer.summarySpans)
    if (isCategory(s.value.category ?? '') && granted.has(s.value.category as Category))
      out.set(s.path, { element: s, category: s.value.category as Category });
  return out;
}

function scrubbedWithheld(counts: Map<Category, number>): SummaryView['withheld'] {
  return [...counts].map(([category, count]) => ({ path: 'summary', category, count }));
}

/**
 * A grant set's summary (docs/redaction.md): the originator's own text where the recipient
 * may see everything it references and nothing in it needs scrubbing; otherwise the text
 * rendered from the parts it may see (the template and the granted spans passed on, so the
 * recipient can check the rendering), scrubbed of whatever was not marked up; the bus's
 * word alone only where it had to scrub.
 */
export function summaryView(input: SummaryInput): SummaryView {
  const { layer, granted } = input;
  const summary = layer.summary;
  if (!summary) return { passed: [], withheld: [] };
  if (!granted.has('summary')) return { passed: [], withheld: [{ path: 'summary', category: 'summary', count: 1 }] };
  const pieces = layer.summaryTemplate ? parseTemplate(layer.summaryTemplate.value) : undefined;
  const placeholders = (pieces ?? []).flatMap((p) => ('placeholder' in p ? [p.placeholder] : []));
  const allGranted = placeholders.every((p) => placeholderCategories(p, layer).every((c) => granted.has(c)));
  if (!pieces || allGranted) {
    const scrubbed = scrubText(summary.value, input.scrub);
    if (scrubbed.counts.size === 0) return { passed: [{ element: summary, category: 'summary' }], withheld: [] };
    // The bus's text: characters of its own pseudonym slots in it are not slots.
    if (!pieces) return { passed: [], derived: scrubbed.text.replace(ALL_SLOTS, '\ufffd'), withheld: scrubbedWithheld(scrubbed.counts) };
  }

  const values = grantedValues(layer, granted, input.withheldCategory);
  const referenced = new Set(placeholders.map((p) => p.path));
  const withheldSpans = layer.summarySpans.filter((s) => !values.has(s.path) && referenced.has(s.path));
  const withheld = withheldSpans.map((s) => ({
    path: s.path,
    category: (isCategory(s.value.category ?? '') ? s.value.category : 'summary') as Category,
    count: 1,
  }));
  const sources: RenderSources = {
    value: (path) => values.get(path)?.element.value as object | undefined,
    pseudonym: (id) => input.pseudonymSlot(id),
    withheldCategory: (path) => withheld.find((w) => w.path === path)?.category ?? input.withheldCategory(path),
  };
  // The originator's text must not hold pseudonym slots of its own: any such character is
  // replaced, and the text is then the bus's word, not the originator's.
  let dirty = false;
  const sanitise = (text: string): string => {
    if (!SLOTS.test(text)) return text;
    dirty = true;
    return text.replace(ALL_SLOTS, '\ufffd');
  };
  const rendered = renderTemplate(
    pieces.map((p) => ('text' in p ? { text: sanitise(p.text) } : p)),
    (p) => {
      const text = resolvePlaceholder(p, sources);
      return ONE_SLOT.test(text) ? text : sanitise(text);
    },
  );
  const scrubbed = scrubText(rendered, input.scrub);
  if (scrubbed.counts.size > 0 || dirty)
    return { passed: [], derived: scrubbed.text, withheld: [...withheld, ...scrubbedWithheld(scrubbed.counts)] };
  const template = layer.summaryTemplate as DisclosedElement<string>;
  const spans = layer.summarySpans.filter((s) => values.has(s.path) && referenced.has(s.path));
  return {
    passed: [
      { element: template, category: 'summary' },
      ...spans.map((s) => ({ element: s as DisclosedElement<unknown>, category: values.get(s.path)?.category ?? ('summary' as Category) })),
    ],
    derived: rendered,
    withheld,
  };
}
