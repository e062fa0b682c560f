import { parseTemplate, type Placeholder } from '../free-text/index.js';
import type { CaseNotice } from '../proto/index.js';
import type { DisclosedNotice } from './disclosed-notice.js';
import { toCaseNotice } from './to-case-notice.js';

const escapeLiteral = (text: string): string => text.replace(/\{\{/g, '\\{{');

/** The wire's field ("documents.0.number") as the markup names it ("documents[0].number"). */
const markupField = (field: string): string => field.replace(/\.(\d+)\./g, '[$1].');

/** `persons/<id>/identity#phone` → `persons[i].phone`: the reference as the originator wrote it; undefined if it names nothing here. */
function referenceOf(d: DisclosedNotice, p: Placeholder): string | undefined {
  const field = p.field === undefined ? '' : `.${markupField(p.field)}`;
  const person = /^persons\/([^/]+)(?:\/(?:identity|profile))?$/.exec(p.path);
  if (person) {
    const i = d.persons.findIndex((x) => x.id === person[1]);
    return i < 0 ? undefined : `persons[${i}]${field}`;
  }
  for (const list of ['conveyances', 'financial', 'locations'] as const) {
    const i = d[list].findIndex((e) => e.path === p.path);
    if (i >= 0) return `${list}[${i}]${field}`;
  }
  const span = d.summarySpans.find((s) => s.path === p.path);
  return span ? `${span.value.category ?? ''}:${span.value.text ?? ''}` : undefined;
}

/**
 * The summary with its markup as the originator wrote it, rebuilt from the template (each
 * placeholder back to the reference or tagged span it was made from, by the element's
 * position in the lists toCaseNotice makes); the plain summary when there is no template,
 * or one that names what the notice does not hold.
 */
function markedUpSummary(d: DisclosedNotice): string {
  const plain = d.summary?.value ?? '';
  const pieces = d.summaryTemplate ? parseTemplate(d.summaryTemplate.value) : undefined;
  if (!pieces) return plain;
  let out = '';
  for (const piece of pieces) {
    if ('text' in piece) {
      out += escapeLiteral(piece.text);
      continue;
    }
    const reference = referenceOf(d, piece.placeholder);
    if (reference === undefined) return plain;
    out += `{{${reference}}}`;
  }
  return out;
}

/**
 * The notice as its originator wrote it, from its disclosures: toCaseNotice's notice with
 * the summary's markup back in place of the values it resolved to, so that a new version
 * made from it withholds what the earlier one withheld.
 */
export function writtenNotice(d: DisclosedNotice): CaseNotice {
  const notice = toCaseNotice(d);
  notice.summary = markedUpSummary(d);
  return notice;
}
