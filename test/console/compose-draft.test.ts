import { describe, expect, test } from 'vitest';
import {
  draftToNoticeJson,
  noticeCategories,
  emptyDraft,
  fieldOfPath,
  readComposeForm,
  type FormValues,
} from '../../libs/console/index.js';
import { noticeFromJsonObject } from '../../libs/notice/index.js';
import { NOTICE_ID } from './console-fixture.js';

const FILLED: FormValues = {
  caseRef: ['  IT-PA-2026-0042 '],
  type: ['ALERT'],
  tlp: ['AMBER'],
  caveats: ['WITNESS_PROTECTION', 'MINORS_INVOLVED'],
  mode: ['SEA'],
  origin: ['ne, ml'],
  transit: ['LY'],
  destination: ['IT MT'],
  addressees: ['ly-coastguard', 'it-prosecutor'],
  migrantCount: ['45'],
  deathsReported: ['0'],
  summary: ['  Two lines,\nkept as typed.  '],
  'rows-persons': ['2'],
  'persons-0-role': ['SMUGGLER_SUSPECT'],
  'persons-0-fullName': ['Kamal Haddad'],
  'persons-0-minor': ['no'],
  'persons-0-documentKind': ['passport'],
  'persons-0-documentNumber': ['LY4455667'],
  'persons-0-documentCountry': ['ly'],
  'persons-1-role': ['SMUGGLED_MIGRANT'],
  'persons-1-nationality': ['er'],
  'persons-1-unaccompanied': ['1'],
  'rows-locations': ['1'],
  'locations-0-lat': ['32,931'],
  'locations-0-lon': ['12.081'],
  'locations-0-observedAt': ['2026-12-01T04:30'],
};

/** The notice a form makes, as the node reads it before a preview. */
const noticeOf = (form: FormValues) =>
  noticeFromJsonObject({
    ...draftToNoticeJson(readComposeForm(form, NOTICE_ID)).notice,
    issuingAgency: 'it-police',
    issuedAt: '2026-12-01T05:00:00Z',
  });

describe('the composer’s draft', () => {
  test('reads every field of the form, the summary exactly as typed', () => {
    const draft = readComposeForm(FILLED, NOTICE_ID);
    expect(draft).toMatchObject({
      caseRef: 'IT-PA-2026-0042',
      caveats: ['WITNESS_PROTECTION', 'MINORS_INVOLVED'],
      summary: '  Two lines,\nkept as typed.  ',
    });
    expect(draft.persons).toHaveLength(2);
    expect(draft.persons[1]).toMatchObject({ role: 'SMUGGLED_MIGRANT', unaccompanied: '1', fullName: '' });
  });

  test('an "add" button adds one empty row to its list only', () => {
    const draft = readComposeForm(FILLED, NOTICE_ID, 'conveyances');
    expect([draft.persons.length, draft.conveyances.length, draft.locations.length]).toEqual([2, 1, 1]);
  });

  test('makes notice JSON that the strict proto3 JSON reader takes', () => {
    const { notice, problems } = draftToNoticeJson(readComposeForm(FILLED, NOTICE_ID));
    expect(problems).toEqual([]);
    const parsed = noticeFromJsonObject({ ...notice, issuingAgency: 'it-police', issuedAt: '2026-12-01T05:00:00Z' });
    expect(parsed.route).toMatchObject({ origin: ['NE', 'ML'], transit: ['LY'], destination: ['IT', 'MT'] });
    expect(parsed.persons[0]).toMatchObject({ minor: false, documents: [{ kind: 'passport', number: 'LY4455667', issuingCountry: 'LY' }] });
    expect(parsed.persons[1]).toMatchObject({ nationality: 'ER', unaccompanied: true });
    expect(parsed.locations[0]).toMatchObject({ lat: 32.931, lon: 12.081 });
    expect(parsed.migrantCount).toBe(45);
  });

  test('leaves minor out when it is unknown, which the bus treats as a minor', () => {
    const { notice } = draftToNoticeJson(readComposeForm(FILLED, NOTICE_ID));
    expect((notice.persons as Record<string, unknown>[])[1]).not.toHaveProperty('minor');
  });

  test('drops empty rows at the end of a list', () => {
    const { notice, problems } = draftToNoticeJson(readComposeForm({ ...FILLED, 'rows-persons': ['4'] }, NOTICE_ID));
    expect(problems).toEqual([]);
    expect(notice.persons).toHaveLength(2);
  });

  test('refuses an empty row between filled ones, since references name rows by position', () => {
    const form = {
      ...FILLED,
      'rows-persons': ['3'],
      'persons-2-role': ['WITNESS'],
      'persons-1-role': [''],
      'persons-1-nationality': [''],
      'persons-1-unaccompanied': [''],
    };
    const { problems } = draftToNoticeJson(readComposeForm(form, NOTICE_ID));
    expect(problems).toEqual([expect.objectContaining({ field: 'persons-1-role' })]);
  });

  test('names the field of a count or a coordinate that is not a number', () => {
    const { problems } = draftToNoticeJson(
      readComposeForm({ ...FILLED, migrantCount: ['about 40'], 'locations-0-lat': ['north'] }, NOTICE_ID),
    );
    expect(problems.map((p) => p.field)).toEqual(['migrantCount', 'locations-0-lat']);
  });

  test('an empty draft has one row of each list and no content', () => {
    const draft = emptyDraft(NOTICE_ID);
    expect([draft.persons.length, draft.conveyances.length, draft.financial.length, draft.locations.length]).toEqual([1, 1, 1, 1]);
    const { notice } = draftToNoticeJson(draft);
    expect([notice.persons, notice.conveyances, notice.financial, notice.locations, notice.summary]).toEqual([[], [], [], [], '']);
  });

  test.each([
    ['persons[0].dateOfBirth', 'persons-0-dateOfBirth'],
    ['persons[1].documents[0].number', 'persons-1-documentNumber'],
    ['locations[2].observedAt', 'locations-2-observedAt'],
    ['conveyances[0]', 'conveyances-0-kind'],
    ['route.origin[1]', 'origin'],
    ['addressees[0]', 'addressees'],
    ['summary', 'summary'],
    ['issuedAt', 'caseRef'],
  ])('points ingest’s path %s at the form field %s', (path, field) => {
    expect(fieldOfPath(path)).toBe(field);
  });

  test('knows which categories the notice holds something of', () => {
    expect(noticeCategories(noticeOf(FILLED))).toEqual(['core', 'person.profile', 'smuggler.identity', 'summary', 'location.precise']);
  });

  test('a person of unknown age with an identity needs minor.identity too', () => {
    const form = { ...FILLED, 'persons-0-minor': [''] };
    expect(noticeCategories(noticeOf(form))).toContain('minor.identity');
  });
});
