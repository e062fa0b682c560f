import type { DisclosedNotice } from '../disclosure/index.js';
import { AccordError } from '../errors/index.js';
import { parseTemplate, renderTemplate, resolvePlaceholder } from '../free-text/index.js';
import { isCategory } from '../notice/index.js';
import type { v1 } from '../proto/index.js';

/** The shape of every pseudonym: the bus renders them into the originator's text, so nothing else may pass for one. */
export const PSEUDONYM = /^P-[0-9A-F]{16}$/;

const refuse = (what: string): AccordError => new AccordError('E_VIEW_INVALID', `view refused: ${what}`, { path: 'summary' });

/**
 * Where a view carries the originator's summary template, the summary it says the
 * recipient reads must be exactly that template rendered from the view's own parts: the
 * granted disclosures, its pseudonyms, and a marker for each element it lists as withheld.
 * The bus can render; it cannot rewrite what the originator wrote: what it puts in (a
 * pseudonym, a marker's category) must have the shape of one. Returns whether the summary
 * was checked so.
 */
export function checkRenderedSummary(disclosed: DisclosedNotice, view: v1.DeliveredView): boolean {
  if (!disclosed.summaryTemplate) return false;
  const pieces = parseTemplate(disclosed.summaryTemplate.value);
  const rendered = view.elements.find((e) => e.path === 'summary' && e.derived)?.summary;
  if (!pieces || rendered === undefined || rendered === null) throw refuse('a summary template without the summary rendered from it');
  if (view.elements.some((e) => e.pseudonym && !PSEUDONYM.test(e.pseudonym))) throw refuse('a pseudonym that is not one');
  if (view.withheld.some((w) => !isCategory(w.category ?? ''))) throw refuse('a withheld entry under no category of the contract');
  const values = new Map<string, object>();
  for (const p of disclosed.persons) {
    values.set(p.profile.path, p.profile.value);
    if (p.identity) values.set(p.identity.path, p.identity.value);
  }
  for (const e of [...disclosed.conveyances, ...disclosed.financial, ...disclosed.locations, ...disclosed.summarySpans])
    values.set(e.path, e.value);
  const pseudonyms = new Map(
    view.elements.filter((e) => e.pseudonym).map((e) => [(e.path ?? '').replace(/^persons\/|\/pseudonym$/g, ''), e.pseudonym ?? '']),
  );
  const withheld = [...view.withheld].sort((a, b) => (a.category ?? '').localeCompare(b.category ?? ''));
  const text = renderTemplate(pieces, (p) =>
    resolvePlaceholder(p, {
      value: (path) => values.get(path),
      pseudonym: (id) => pseudonyms.get(id),
      withheldCategory: (path) => withheld.find((w) => w.path === path)?.category ?? undefined,
    }),
  );
  if (text !== rendered) throw refuse("the summary differs from the originator's template rendered from the view's parts");
  return true;
}
