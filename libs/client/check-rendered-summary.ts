import type { DisclosedNotice } from '../disclosure/index.js';
import { AccordError } from '../errors/index.js';
import { parseTemplate, renderTemplate, resolvePlaceholder } from '../free-text/index.js';
import type { v1 } from '../proto/index.js';

/**
 * Where a view carries the originator's summary template, the summary it says the
 * recipient reads must be exactly that template rendered from the view's own parts: the
 * granted disclosures, its pseudonyms, and a marker for each element it lists as withheld.
 * The bus can render; it cannot rewrite what the originator wrote.
 */
export function checkRenderedSummary(disclosed: DisclosedNotice, view: v1.DeliveredView): void {
  if (!disclosed.summaryTemplate) return;
  const pieces = parseTemplate(disclosed.summaryTemplate.value);
  const rendered = view.elements.find((e) => e.path === 'summary' && e.derived)?.summary;
  if (!pieces || rendered === undefined || rendered === null) throw new AccordError('E_VIEW_INVALID', 'view refused: a summary template without the summary rendered from it', { path: 'summary' });
  const values = new Map<string, object>();
  for (const p of disclosed.persons) {
    values.set(p.profile.path, p.profile.value);
    if (p.identity) values.set(p.identity.path, p.identity.value);
  }
  for (const e of [...disclosed.conveyances, ...disclosed.financial, ...disclosed.locations, ...disclosed.summarySpans]) values.set(e.path, e.value);
  const pseudonyms = new Map(view.elements.filter((e) => e.pseudonym).map((e) => [(e.path ?? '').replace(/^persons\/|\/pseudonym$/g, ''), e.pseudonym ?? '']));
  const withheld = [...view.withheld].sort((a, b) => (a.category ?? '').localeCompare(b.category ?? ''));
  const text = renderTemplate(pieces, (p) =>
    resolvePlaceholder(p, {
      value: (path) => values.get(path),
      pseudonym: (id) => pseudonyms.get(id),
      withheldCategory: (path) => withheld.find((w) => w.path === path)?.category ?? undefined,
    }),
  );
  if (text !== rendered) throw new AccordError('E_VIEW_INVALID', "view refused: the summary differs from the originator's template rendered from the view's parts", { path: 'summary' });
}
