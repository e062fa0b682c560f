import { formatTimestamp, v1, type CaseNoticeProps } from '../proto/index.js';
import { relationField } from './compose-relations.js';
import { CONVEYANCE_FIELDS, FINANCIAL_FIELDS, LOCATION_FIELDS, PERSON_FIELDS, type ComposeDraft, type Row } from './compose-draft.js';

/** A draft made from a notice, and what of the notice the form cannot hold (notice paths). */
export interface NoticeDraft {
  draft: ComposeDraft;
  leftOut: string[];
}

/** An enum's name as the form's select has it; '' for the unspecified value. */
const nameOf = (names: Record<number, string>, value: number | null | undefined): string => (value ? (names[value] ?? '') : '');

const countText = (n: number | null | undefined): string => (n ? String(n) : '');

/** A time as the form's datetime-local field holds it (UTC, as the form says; to the second). */
function localTime(ts: CaseNoticeProps['issuedAt']): string {
  if (!ts) return '';
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?/.exec(formatTimestamp(ts));
  if (!match) return '';
  return match[2] && match[2] !== ':00' ? `${match[1]}${match[2]}` : (match[1] ?? '');
}

function personRow(p: v1.Person.$Properties, i: number, leftOut: string[]): Row<typeof PERSON_FIELDS> {
  const [document, ...others] = p.documents ?? [];
  others.forEach((_, j) => leftOut.push(`persons[${i}].documents[${j + 1}]`));
  return {
    role: nameOf(v1.PersonRole, p.role),
    fullName: p.fullName ?? '',
    dateOfBirth: p.dateOfBirth ?? '',
    nationality: p.nationality ?? '',
    phone: p.phone ?? '',
    minor: p.minor === true ? 'yes' : p.minor === false ? 'no' : '',
    unaccompanied: p.unaccompanied ? '1' : '',
    documentKind: document?.kind ?? '',
    documentNumber: document?.number ?? '',
    documentCountry: document?.issuingCountry ?? '',
  };
}

const conveyanceRow = (c: v1.Conveyance.$Properties): Row<typeof CONVEYANCE_FIELDS> => ({
  kind: nameOf(v1.ConveyanceKind, c.kind),
  identifier: c.identifier ?? '',
  flagCountry: c.flagCountry ?? '',
});

const financialRow = (f: v1.FinancialTrace.$Properties): Row<typeof FINANCIAL_FIELDS> => ({
  account: f.account ?? '',
  institution: f.institution ?? '',
  amount: f.amount ?? '',
  currency: f.currency ?? '',
  counterparty: f.counterparty ?? '',
});

const locationRow = (l: v1.Location.$Properties): Row<typeof LOCATION_FIELDS> => ({
  lat: String(l.lat ?? 0),
  lon: String(l.lon ?? 0),
  label: l.label ?? '',
  observedAt: localTime(l.observedAt),
});

/** Rows as the form shows them: an empty one where the notice has none, so the form still shows what can be given. */
function withOneRow<R extends Record<string, string>>(rows: R[], fields: readonly string[]): R[] {
  return rows.length > 0 ? rows : [Object.fromEntries(fields.map((f) => [f, ''])) as R];
}

/**
 * The composer's draft of a notice (a reply made by relateNotice, the kept notice an update
 * starts from): every field as the form holds it, its replies and updates as the form's
 * hidden relations. The form holds one identity document per person: the others are
 * listed in `leftOut`, for the page to say so. issuingAgency and issuedAt are not the
 * form's: the node sets them when it sends.
 */
export function draftFromNotice(notice: CaseNoticeProps): NoticeDraft {
  const leftOut: string[] = [];
  const route = notice.route ?? {};
  const persons = (notice.persons ?? []).map((p, i) => personRow(p, i, leftOut));
  const rows = {
    persons: withOneRow(persons, PERSON_FIELDS),
    conveyances: withOneRow((notice.conveyances ?? []).map(conveyanceRow), CONVEYANCE_FIELDS),
    financial: withOneRow((notice.financial ?? []).map(financialRow), FINANCIAL_FIELDS),
    locations: withOneRow((notice.locations ?? []).map(locationRow), LOCATION_FIELDS),
  };
  const relations = (notice.relations ?? []).flatMap((r) =>
    r.kind === v1.RelationKind.REPLY || r.kind === v1.RelationKind.UPDATE
      ? [relationField({ kind: r.kind === v1.RelationKind.REPLY ? 'REPLY' : 'UPDATE', noticeId: r.noticeId ?? '' })]
      : [],
  );
  const draft: ComposeDraft = {
    noticeId: notice.noticeId ?? '',
    caseRef: notice.caseRef ?? '',
    type: nameOf(v1.NoticeType, notice.type),
    tlp: nameOf(v1.Tlp, notice.tlp),
    caveats: (notice.caveats ?? []).map((c) => nameOf(v1.Caveat, c)).filter(Boolean),
    handling: (notice.handling ?? []).map((h) => nameOf(v1.HandlingCode, h)).filter(Boolean),
    mode: nameOf(v1.Mode, notice.mode),
    origin: (route.origin ?? []).join(', '),
    transit: (route.transit ?? []).join(', '),
    destination: (route.destination ?? []).join(', '),
    addressees: [...(notice.addressees ?? [])],
    migrantCount: countText(notice.migrantCount),
    deathsReported: countText(notice.deathsReported),
    summary: notice.summary ?? '',
    ...rows,
    relations,
  };
  return { draft, leftOut };
}
