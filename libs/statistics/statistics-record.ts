import { v1, type CaseNotice } from '../proto/index.js';
import { AccordError } from '../errors/index.js';
import {
  ageStatusOf,
  LEGS,
  MODES,
  NOTICE_TYPES,
  PERSON_ROLES,
  UNKNOWN_NATIONALITY,
  type CountedNotice,
  type Leg,
  type ModeName,
  type NoticeTypeName,
  type PersonRoleName,
} from './counted-notice.js';

/** The one version a relation of this kind names, if the notice has one. */
function related(notice: CaseNotice, kind: v1.RelationKind): string {
  return notice.relations.find((r) => r.kind === kind)?.noticeId ?? '';
}

/**
 * What routing sends the statistics service for an accepted notice: its core facts and
 * person profiles when `counted`, never a name, a document, a phone, a summary, an
 * account or a location; undefined when the notice neither counts nor changes one that
 * may (an uncounted notice is named only when it updates or withdraws an earlier one, to
 * take that one out). Witnesses of a notice under WITNESS_PROTECTION leave no trace.
 */
export function statisticsRecordOf(notice: CaseNotice, counted: boolean): v1.StatisticsRecord.$Properties | undefined {
  const updates = related(notice, v1.RelationKind.UPDATE);
  const withdraws = related(notice, v1.RelationKind.WITHDRAWAL);
  // A withdrawal only takes out what it names: nothing of its own is needed.
  if (withdraws) return { noticeId: notice.noticeId, counted: false, updates: '', withdraws };
  if (!counted) return updates ? { noticeId: notice.noticeId, counted: false, updates, withdraws: '' } : undefined;
  const protectedWitnesses = notice.caveats.includes(v1.Caveat.WITNESS_PROTECTION);
  const unique = (codes: readonly string[]) => [...new Set(codes)].sort();
  return {
    noticeId: notice.noticeId,
    counted: true,
    updates,
    withdraws,
    issuingAgency: notice.issuingAgency,
    issuedAt: notice.issuedAt ?? null,
    type: notice.type,
    mode: notice.mode,
    route: {
      origin: unique(notice.route?.origin ?? []),
      transit: unique(notice.route?.transit ?? []),
      destination: unique(notice.route?.destination ?? []),
    },
    migrantCount: notice.migrantCount,
    deathsReported: notice.deathsReported,
    persons: notice.persons
      .filter((p) => !(protectedWitnesses && p.role === v1.PersonRole.WITNESS))
      .map((p) => ({
        role: p.role ?? v1.PersonRole.PERSON_ROLE_UNSPECIFIED,
        nationality: p.nationality ?? '',
        ...(p.minor === null || p.minor === undefined ? {} : { minor: p.minor }),
        unaccompanied: p.unaccompanied ?? false,
      })),
  };
}

function enumName<T extends string>(names: readonly T[], enumObject: Record<string, number | string>, value: number, what: string): T {
  const name = enumObject[value];
  if (typeof name !== 'string' || !(names as readonly string[]).includes(name)) {
    throw new AccordError('E_STATE', `statistics record: ${what} ${value} is not one the statistics count`);
  }
  return name as T;
}

/** A country as the tables key it: ingest has checked it against ISO 3166-1, this only refuses what could not be one. */
const COUNTRY = /^[A-Z]{2}$/;

function country(code: string, what: string): string {
  if (!COUNTRY.test(code)) throw new AccordError('E_STATE', `statistics record: ${what} "${code}" is not a country code`);
  return code;
}

/**
 * A counted record as the tables count it; E_STATE for one that is not counted or is
 * malformed, refused when it is applied rather than when its period is released.
 */
export function countedNoticeOf(record: v1.StatisticsRecord): CountedNotice {
  if (!record.counted) throw new AccordError('E_STATE', `statistics record ${record.noticeId} is not counted`);
  const countries = (leg: Leg): string[] => [...new Set((record.route?.[leg] ?? []).map((c) => country(c, `route.${leg}`)))].sort();
  const route = Object.fromEntries(LEGS.map((leg): [Leg, string[]] => [leg, countries(leg)])) as Record<Leg, string[]>;
  return {
    noticeId: record.noticeId,
    issuer: record.issuingAgency,
    type: enumName<NoticeTypeName>(NOTICE_TYPES, v1.NoticeType, record.type, 'type'),
    mode: enumName<ModeName>(MODES, v1.Mode, record.mode, 'mode'),
    route,
    migrantCount: record.migrantCount,
    deathsReported: record.deathsReported,
    persons: record.persons.map((p) => ({
      role: enumName<PersonRoleName>(PERSON_ROLES, v1.PersonRole, p.role ?? 0, 'person role'),
      nationality: p.nationality ? country(p.nationality, 'nationality') : UNKNOWN_NATIONALITY,
      age: ageStatusOf(p.minor ?? undefined, p.unaccompanied ?? false),
    })),
  };
}
