import { AccordError } from '../errors/index.js';
import { v1, type CaseNoticeProps } from '../proto/index.js';
import { isAgencyId } from '../registry/index.js';
import { checkCaseRef } from './check-case-ref.js';
import { checkTextCharacters } from './check-text-characters.js';
import { isCountryCode } from './country-codes.js';
import { UUID } from './uuid.js';
import { validateRelations } from './validate-relations.js';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL = /^-?\d{1,30}(\.\d{1,18})?$/;
const CURRENCY = /^[A-Z]{3}$/;

function fail(path: string, what: string): never {
  throw new AccordError('E_SCHEMA', `${path}: ${what}`, { path });
}

function definedEnum(enumObject: object, value: number | null | undefined, path: string): void {
  const name = Object.entries(enumObject).find(([, v]) => v === value)?.[0];
  if (name === undefined) fail(path, `${String(value)} is not a defined value`);
  if (value === 0) fail(path, `${name} is not allowed: set a real value`);
}

function country(value: string | null | undefined, path: string, required: boolean): void {
  if (!value) {
    if (required) fail(path, 'a country code is required');
    return;
  }
  if (!isCountryCode(value)) fail(path, `"${value}" is not an ISO 3166-1 alpha-2 country code`);
}

function calendarDate(value: string, path: string): void {
  const m = CALENDAR_DATE.exec(value);
  const probe = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !probe || probe.getUTCDate() !== Number(m[3]) || probe.getUTCMonth() !== Number(m[2]) - 1) {
    fail(path, `"${value}" is not a calendar date YYYY-MM-DD`);
  }
}

/** 0001-01-01 to 9999-12-31, as RFC 3339 allows; anything else is not a time. */
const MIN_SECONDS = -62_135_596_800;
const MAX_SECONDS = 253_402_300_799;

function timestamp(ts: { seconds?: number | null; nanos?: number | null } | null | undefined, path: string, required: boolean): void {
  if (!ts) {
    if (required) fail(path, 'required');
    return;
  }
  const seconds = Number(ts.seconds ?? 0);
  const nanos = ts.nanos ?? 0;
  if (!Number.isInteger(seconds) || seconds < MIN_SECONDS || seconds > MAX_SECONDS) fail(path, 'outside the years 0001 to 9999');
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) fail(path, 'nanos out of range');
}

function unique(values: readonly unknown[], path: string): void {
  const seen = new Set<unknown>();
  values.forEach((v, i) => {
    if (seen.has(v)) fail(`${path}[${i}]`, `${String(v)} is listed twice`);
    seen.add(v);
  });
}

/**
 * Checks what the proto schema cannot say: formats, required fields, defined enums.
 * Throws E_SCHEMA naming the first offending field.
 */
export function validateNotice(notice: CaseNoticeProps): void {
  if (!notice.noticeId || !UUID.test(notice.noticeId)) fail('noticeId', 'expected a UUID (RFC 9562)');
  if (!notice.issuingAgency || !isAgencyId(notice.issuingAgency)) fail('issuingAgency', 'expected an agency id');
  timestamp(notice.issuedAt, 'issuedAt', true);
  if (!notice.caseRef?.trim()) fail('caseRef', 'required');
  definedEnum(v1.NoticeType, notice.type, 'type');
  definedEnum(v1.Tlp, notice.tlp, 'tlp');
  definedEnum(v1.Mode, notice.mode, 'mode');
  const caveats = notice.caveats ?? [];
  caveats.forEach((c, i) => definedEnum(v1.Caveat, c, `caveats[${i}]`));
  unique(caveats, 'caveats');
  const handling = notice.handling ?? [];
  handling.forEach((h, i) => definedEnum(v1.HandlingCode, h, `handling[${i}]`));
  unique(handling, 'handling');

  const route = notice.route;
  if (!route) fail('route', 'required');
  const legs = ['origin', 'transit', 'destination'] as const;
  for (const leg of legs) (route[leg] ?? []).forEach((cc, i) => country(cc, `route.${leg}[${i}]`, true));
  if (legs.every((leg) => (route[leg] ?? []).length === 0)) fail('route', 'name at least one country');

  const addressees = notice.addressees ?? [];
  addressees.forEach((a, i) => {
    if (!isAgencyId(a)) fail(`addressees[${i}]`, `"${a}" is not an agency id`);
  });
  unique(addressees, 'addressees');

  (notice.persons ?? []).forEach((p, i) => {
    const at = `persons[${i}]`;
    definedEnum(v1.PersonRole, p.role, `${at}.role`);
    country(p.nationality, `${at}.nationality`, false);
    if (p.dateOfBirth) calendarDate(p.dateOfBirth, `${at}.dateOfBirth`);
    (p.documents ?? []).forEach((d, j) => {
      if (!d.number?.trim()) fail(`${at}.documents[${j}].number`, 'required');
      country(d.issuingCountry, `${at}.documents[${j}].issuingCountry`, false);
    });
  });
  (notice.conveyances ?? []).forEach((c, i) => {
    definedEnum(v1.ConveyanceKind, c.kind, `conveyances[${i}].kind`);
    country(c.flagCountry, `conveyances[${i}].flagCountry`, false);
  });
  (notice.financial ?? []).forEach((f, i) => {
    if (f.amount && !DECIMAL.test(f.amount)) fail(`financial[${i}].amount`, `"${f.amount}" is not a decimal number`);
    if (f.currency && !CURRENCY.test(f.currency)) fail(`financial[${i}].currency`, `"${f.currency}" is not an ISO 4217 code`);
  });
  (notice.locations ?? []).forEach((l, i) => {
    const lat = l.lat ?? 0;
    const lon = l.lon ?? 0;
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) fail(`locations[${i}].lat`, 'expected -90..90');
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) fail(`locations[${i}].lon`, 'expected -180..180');
    timestamp(l.observedAt, `locations[${i}].observedAt`, false);
  });
  validateRelations(notice);
  checkTextCharacters(notice);
  checkCaseRef(notice);
}
