import { parseRelationField } from './compose-relations.js';

/**
 * The composer's form as a draft: every field as the supervisor typed it (so a page shown
 * again after a preview or a mistake keeps all of it), and the notice JSON the draft
 * makes. Pure: the node's route reads the form into this, and signs what it returns.
 */

/** A submitted form: each field's values in order (checkbox groups have several). */
export type FormValues = Record<string, readonly string[]>;

export const PERSON_FIELDS = [
  'role',
  'fullName',
  'dateOfBirth',
  'nationality',
  'phone',
  'minor',
  'unaccompanied',
  'documentKind',
  'documentNumber',
  'documentCountry',
] as const;
export const CONVEYANCE_FIELDS = ['kind', 'identifier', 'flagCountry'] as const;
export const FINANCIAL_FIELDS = ['account', 'institution', 'amount', 'currency', 'counterparty'] as const;
export const LOCATION_FIELDS = ['lat', 'lon', 'label', 'observedAt'] as const;

export type Row<F extends readonly string[]> = Record<F[number], string>;

/** The element lists of a notice, as the form names them. */
export const COLLECTIONS = {
  persons: PERSON_FIELDS,
  conveyances: CONVEYANCE_FIELDS,
  financial: FINANCIAL_FIELDS,
  locations: LOCATION_FIELDS,
} as const;
export type Collection = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as Collection[];

/** Rows beyond this are refused: a form is for one notice, not a bulk import. */
export const MAX_ROWS = 20;

export interface ComposeDraft {
  /** Chosen when the form is first shown, so that sending twice is one submission. */
  noticeId: string;
  caseRef: string;
  type: string;
  tlp: string;
  caveats: string[];
  /** The handling codes chosen (the form's `handling` checkboxes). */
  handling: string[];
  mode: string;
  origin: string;
  transit: string;
  destination: string;
  addressees: string[];
  migrantCount: string;
  deathsReported: string;
  summary: string;
  persons: Row<typeof PERSON_FIELDS>[];
  conveyances: Row<typeof CONVEYANCE_FIELDS>[];
  financial: Row<typeof FINANCIAL_FIELDS>[];
  locations: Row<typeof LOCATION_FIELDS>[];
  /** Its relations as the form carries them ("REPLY:<noticeId>", compose-relations.ts): set by the page that opened it for a reply or an update. */
  relations: string[];
}

/** What is wrong with a draft, on which form field (its element id). */
export interface DraftProblem {
  field: string;
  /** The bus's own words (ingest's check, in English), or the form's. */
  message: string;
}

/** The id of a row's field in the page, and its name in the form: `persons-0-fullName`. */
export function rowFieldName(collection: Collection, index: number, field: string): string {
  return `${collection}-${index}-${field}`;
}

const one = (form: FormValues, name: string): string => (form[name]?.[0] ?? '').trim();

function rowsOf<F extends readonly string[]>(form: FormValues, collection: Collection, fields: F, extra: number): Row<F>[] {
  const given = Number.parseInt(one(form, `rows-${collection}`), 10);
  const count = Math.min(MAX_ROWS, Math.max(0, Number.isFinite(given) ? given : 0) + extra);
  return Array.from({ length: count }, (_, i) => {
    const row: Record<string, string> = {};
    for (const f of fields) row[f] = one(form, rowFieldName(collection, i, f));
    return row as Row<F>;
  });
}

/** The draft a posted form holds; `addRow` adds one empty row to that list (the "add a person" buttons). */
export function readComposeForm(form: FormValues, noticeId: string, addRow?: Collection): ComposeDraft {
  const extra = (c: Collection): number => (c === addRow ? 1 : 0);
  return {
    noticeId,
    caseRef: one(form, 'caseRef'),
    type: one(form, 'type'),
    tlp: one(form, 'tlp'),
    caveats: [...(form.caveats ?? [])],
    handling: [...(form.handling ?? [])],
    mode: one(form, 'mode'),
    origin: one(form, 'origin'),
    transit: one(form, 'transit'),
    destination: one(form, 'destination'),
    addressees: [...(form.addressees ?? [])],
    migrantCount: one(form, 'migrantCount'),
    deathsReported: one(form, 'deathsReported'),
    // The summary keeps its own spacing and line breaks.
    summary: form.summary?.[0] ?? '',
    persons: rowsOf(form, 'persons', PERSON_FIELDS, extra('persons')),
    conveyances: rowsOf(form, 'conveyances', CONVEYANCE_FIELDS, extra('conveyances')),
    financial: rowsOf(form, 'financial', FINANCIAL_FIELDS, extra('financial')),
    locations: rowsOf(form, 'locations', LOCATION_FIELDS, extra('locations')),
    relations: [...(form.relations ?? [])],
  };
}

/** An empty draft: one row of each list, so the form shows what can be given. */
export function emptyDraft(noticeId: string): ComposeDraft {
  return readComposeForm(Object.fromEntries(COLLECTION_NAMES.map((c) => [`rows-${c}`, ['1']])), noticeId);
}

const isBlank = (row: Record<string, string>): boolean => Object.values(row).every((v) => v === '');

/** Country codes as typed: "NE, ML" or "ne ml". */
const countries = (value: string): string[] =>
  value
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((c) => c.toUpperCase());

/**
 * The rows that hold something, in order. A blank row between filled ones is refused
 * rather than dropped: the summary's references name rows by position.
 */
function filledRows<R extends Record<string, string>>(rows: R[], collection: Collection, problems: DraftProblem[]): R[] {
  let last = rows.length - 1;
  while (last >= 0 && isBlank(rows[last] ?? {})) last--;
  const kept = rows.slice(0, last + 1);
  kept.forEach((row, i) => {
    if (isBlank(row))
      problems.push({
        field: rowFieldName(collection, i, Object.keys(row)[0] ?? ''),
        message: `${collection}[${i}]: this row is empty; fill it in or remove the rows after it`,
      });
  });
  return kept;
}

function count(value: string, field: string, problems: DraftProblem[]): number | undefined {
  if (value === '') return undefined;
  if (!/^\d{1,9}$/.test(value)) {
    problems.push({ field, message: `${field}: "${value}" is not a whole number` });
    return undefined;
  }
  return Number(value);
}

function coordinate(value: string, field: string, problems: DraftProblem[]): number | undefined {
  if (value === '') return undefined;
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n)) {
    problems.push({ field, message: `${field}: "${value}" is not a number of degrees (such as 32.93 or -12.08)` });
    return undefined;
  }
  return n;
}

/** A time typed as the form's datetime-local (taken as UTC, as the form says) or as RFC 3339. */
function observedAt(value: string): string | undefined {
  if (value === '') return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.length === 16 ? `${value}:00` : value}Z` : value;
}

function personJson(p: Row<typeof PERSON_FIELDS>): Record<string, unknown> {
  return {
    role: p.role,
    ...(p.fullName ? { fullName: p.fullName } : {}),
    ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}),
    ...(p.nationality ? { nationality: p.nationality.toUpperCase() } : {}),
    ...(p.phone ? { phone: p.phone } : {}),
    // Absent means unknown, which the bus treats as a minor.
    ...(p.minor === 'yes' ? { minor: true } : p.minor === 'no' ? { minor: false } : {}),
    ...(p.unaccompanied ? { unaccompanied: true } : {}),
    ...(p.documentNumber || p.documentKind
      ? {
          documents: [
            {
              kind: p.documentKind,
              number: p.documentNumber,
              ...(p.documentCountry ? { issuingCountry: p.documentCountry.toUpperCase() } : {}),
            },
          ],
        }
      : {}),
  };
}

const present = (entries: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== ''));

/**
 * The notice JSON (docs/wire-format.md) a draft makes, without issuingAgency and issuedAt
 * (the node sets them), or the problems the form itself can see; ingest's own checks
 * come after, on the notice.
 */
export function draftToNoticeJson(draft: ComposeDraft): { notice: Record<string, unknown>; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const persons = filledRows(draft.persons, 'persons', problems);
  const conveyances = filledRows(draft.conveyances, 'conveyances', problems);
  const financial = filledRows(draft.financial, 'financial', problems);
  const locations = filledRows(draft.locations, 'locations', problems);
  const migrantCount = count(draft.migrantCount, 'migrantCount', problems);
  const deathsReported = count(draft.deathsReported, 'deathsReported', problems);
  const relations = draft.relations.flatMap((value) => {
    const relation = parseRelationField(value);
    if (!relation) problems.push({ field: 'relations', message: `relations: "${value}" is not a reply or an update of a notice` });
    return relation ? [{ kind: relation.kind, noticeId: relation.noticeId }] : [];
  });
  const notice: Record<string, unknown> = {
    noticeId: draft.noticeId,
    caseRef: draft.caseRef,
    type: draft.type,
    tlp: draft.tlp,
    caveats: draft.caveats,
    handling: draft.handling,
    mode: draft.mode,
    route: { origin: countries(draft.origin), transit: countries(draft.transit), destination: countries(draft.destination) },
    addressees: draft.addressees,
    summary: draft.summary,
    persons: persons.map(personJson),
    conveyances: conveyances.map((c) => ({ ...present(c), ...(c.flagCountry ? { flagCountry: c.flagCountry.toUpperCase() } : {}) })),
    financial: financial.map((f) => ({ ...present(f), ...(f.currency ? { currency: f.currency.toUpperCase() } : {}) })),
    locations: locations.map((l, i) => {
      const lat = coordinate(l.lat, rowFieldName('locations', i, 'lat'), problems);
      const lon = coordinate(l.lon, rowFieldName('locations', i, 'lon'), problems);
      const at = observedAt(l.observedAt);
      return {
        ...(lat !== undefined ? { lat } : {}),
        ...(lon !== undefined ? { lon } : {}),
        ...(l.label ? { label: l.label } : {}),
        ...(at ? { observedAt: at } : {}),
      };
    }),
    ...(migrantCount !== undefined ? { migrantCount } : {}),
    ...(deathsReported !== undefined ? { deathsReported } : {}),
    ...(relations.length > 0 ? { relations } : {}),
  };
  return { notice, problems };
}

/** The form's own fields outside the element lists, each named as the notice path that starts with it. */
const FORM_FIELDS = [
  'caseRef',
  'type',
  'tlp',
  'caveats',
  'handling',
  'mode',
  'origin',
  'transit',
  'destination',
  'addressees',
  'migrantCount',
  'deathsReported',
  'summary',
  'relations',
];

const ROW_PATH = /^(persons|conveyances|financial|locations)\[(\d+)\]\.?([A-Za-z]+)?/;
const PERSON_PATH_FIELD: Record<string, string> = { documents: 'documentNumber', minor: 'minor' };

/**
 * The form field a notice path names (ingest's E_SCHEMA paths: `persons[0].dateOfBirth`,
 * `route.origin[1]`, `summary`), so the page can point at it; the form's first field when
 * the path names nothing the form has.
 */
export function fieldOfPath(path: string): string {
  const row = ROW_PATH.exec(path);
  if (row) {
    const collection = row[1] as Collection;
    const fields: readonly string[] = COLLECTIONS[collection];
    const named = row[3] ?? '';
    const field = collection === 'persons' ? (PERSON_PATH_FIELD[named] ?? named) : named;
    return rowFieldName(collection, Number(row[2]), fields.includes(field) ? field : (fields[0] ?? ''));
  }
  const top = /^(?:route\.)?([A-Za-z]+)/.exec(path)?.[1] ?? '';
  return FORM_FIELDS.includes(top) ? top : 'caseRef';
}
