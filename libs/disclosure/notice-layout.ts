import { AccordError } from '../errors/index.js';
import {
  fieldText,
  formatTemplate,
  hasMarkup,
  parseMarkup,
  personPart,
  wireField,
  type ElementRef,
  type MarkupPiece,
  type TemplatePiece,
} from '../free-text/index.js';
import type { v1, CaseNoticeProps } from '../proto/index.js';

/** A disclosure before it is salted and encoded: its path and its value. */
export interface LaidOutElement {
  path: string;
  value: Partial<v1.Disclosure.$Properties>;
}

/** The random ids of a notice's elements, by list and position, chosen once for every layer. */
export interface ElementIds {
  persons: string[];
  conveyances: string[];
  financial: string[];
  locations: string[];
  relations: string[];
}

/** The summary as pieces whose spans already have their ids. */
export type SummaryPiece = { text: string } | { ref: ElementRef } | { span: { id: string; category: string; text: string } };

export function profileOf(p: v1.Person.$Properties): v1.PersonProfile.$Properties {
  const profile: v1.PersonProfile.$Properties = {
    role: p.role ?? 0,
    nationality: p.nationality ?? '',
    unaccompanied: p.unaccompanied ?? false,
  };
  if (p.minor !== undefined && p.minor !== null) profile.minor = p.minor;
  return profile;
}

export function identityOf(p: v1.Person.$Properties): v1.PersonIdentity.$Properties | undefined {
  if (!p.fullName && !p.dateOfBirth && !p.phone && (p.documents ?? []).length === 0) return undefined;
  return { fullName: p.fullName ?? '', dateOfBirth: p.dateOfBirth ?? '', phone: p.phone ?? '', documents: p.documents ?? [] };
}

function refError(ref: ElementRef, what: string): AccordError {
  const name = `{{${ref.collection}[${ref.index}]${ref.field === undefined ? '' : `.${ref.field}`}}}`;
  return new AccordError('E_SCHEMA', `summary: ${name} ${what}`, { path: 'summary' });
}

/** The value a reference shows to a reader of all of the notice; E_SCHEMA if it names nothing. */
export function referencedText(notice: CaseNoticeProps, ref: ElementRef): string {
  const list = notice[ref.collection] ?? [];
  const element = list[ref.index];
  if (!element) throw refError(ref, `names an element the notice does not have (it has ${list.length} ${ref.collection})`);
  const field = ref.field === undefined ? undefined : wireField(ref.field);
  const text = fieldText(ref.collection, element as Parameters<typeof fieldText>[1], field);
  if (!text)
    throw refError(
      ref,
      ref.field === undefined ? 'names a person without a fullName: reference one of its fields' : 'names an empty field',
    );
  return text;
}

/** The summary's markup read, checked against the notice, its spans given ids; undefined for a plain summary. */
export function summaryPieces(notice: CaseNoticeProps, newId: () => string): SummaryPiece[] | undefined {
  const summary = notice.summary ?? '';
  if (!hasMarkup(summary)) return undefined;
  return parseMarkup(summary).map((p: MarkupPiece): SummaryPiece => {
    if ('ref' in p) referencedText(notice, p.ref);
    return 'span' in p ? { span: { id: newId(), ...p.span } } : p;
  });
}

function placeholderOf(ref: ElementRef, ids: ElementIds): TemplatePiece {
  const id = ids[ref.collection][ref.index] ?? '';
  const field = ref.field === undefined ? undefined : wireField(ref.field);
  if (ref.collection !== 'persons')
    return { placeholder: field === undefined ? { path: `${ref.collection}/${id}` } : { path: `${ref.collection}/${id}`, field } };
  if (field === undefined) return { placeholder: { path: `persons/${id}` } };
  return { placeholder: { path: `persons/${id}/${personPart(field)}`, field } };
}

/** The summary's disclosures: its full text, and with markup its template and spans. */
export function summaryElements(notice: CaseNoticeProps, pieces: readonly SummaryPiece[] | undefined, ids: ElementIds): LaidOutElement[] {
  if (!pieces) return notice.summary ? [{ path: 'summary', value: { summary: notice.summary } }] : [];
  const text = pieces.map((p) => ('text' in p ? p.text : 'span' in p ? p.span.text : referencedText(notice, p.ref))).join('');
  if (!text.trim()) return [];
  const marked = pieces.some((p) => !('text' in p));
  if (!marked) return [{ path: 'summary', value: { summary: text } }];
  const template = formatTemplate(
    pieces.map((p): TemplatePiece =>
      'text' in p ? p : 'span' in p ? { placeholder: { path: `summary/spans/${p.span.id}` } } : placeholderOf(p.ref, ids),
    ),
  );
  return [
    { path: 'summary', value: { summary: text } },
    { path: 'summary/template', value: { summaryTemplate: template } },
    ...pieces.flatMap((p) =>
      'span' in p ? [{ path: `summary/spans/${p.span.id}`, value: { summarySpan: { category: p.span.category, text: p.span.text } } }] : [],
    ),
  ];
}

/** Every disclosable element of a notice, under the ids given. */
export function layOut(
  notice: CaseNoticeProps,
  pieces: readonly SummaryPiece[] | undefined,
  ids: ElementIds,
  keepPerson: (i: number) => boolean = () => true,
): LaidOutElement[] {
  const out: LaidOutElement[] = [];
  (notice.persons ?? []).forEach((p, i) => {
    if (!keepPerson(i)) return;
    const base = `persons/${ids.persons[i] ?? ''}`;
    out.push({ path: `${base}/profile`, value: { personProfile: profileOf(p) } });
    const identity = identityOf(p);
    if (identity) out.push({ path: `${base}/identity`, value: { personIdentity: identity } });
  });
  (notice.conveyances ?? []).forEach((conveyance, i) =>
    out.push({ path: `conveyances/${ids.conveyances[i] ?? ''}`, value: { conveyance } }),
  );
  (notice.financial ?? []).forEach((financial, i) => out.push({ path: `financial/${ids.financial[i] ?? ''}`, value: { financial } }));
  (notice.locations ?? []).forEach((location, i) => out.push({ path: `locations/${ids.locations[i] ?? ''}`, value: { location } }));
  out.push(...summaryElements(notice, pieces, ids));
  (notice.relations ?? []).forEach((relation, i) => out.push({ path: `relations/${ids.relations[i] ?? ''}`, value: { relation } }));
  return out;
}
