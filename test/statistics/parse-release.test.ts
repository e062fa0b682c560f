import { describe, expect, test } from 'vitest';
import { parseRelease } from '../../libs/statistics/index.js';
import { releaseOf, someNotices } from './notices.js';

// oxlint-disable-next-line typescript/no-explicit-any -- a release as any JSON reader would spoil it
type Json = Record<string, any>;

/**
 * A release as JSON read back: notices.type is tables[0] (CASE_UPDATE and INTELLIGENCE_REPORT
 * suppressed), notices.mode tables[1]; deaths.type (tables[10]) and deaths.origin (tables[12]) are
 * suppressed whole, the one with its four cells suppressed, the other listing none.
 */
const sample = (): Json => JSON.parse(JSON.stringify(releaseOf(someNotices()).release)) as Json;

const refusals: [string, (r: Json) => void, string][] = [
  ['format 2', (r) => void (r.format = 2), 'format'],
  ['a missing note', (r) => void delete r.note, 'note'],
  ['a field format 1 does not have', (r) => void (r.signature = 'x'), 'signature'],
  ['version 0', (r) => void (r.version = 0), 'version'],
  ['a version given as text', (r) => void (r.version = '1'), 'version'],
  ['a start that is a date, not a time', (r) => void (r.periodStart = '2025-03-01'), 'periodStart'],
  ['a time with an offset instead of Z', (r) => void (r.releasedAt = '2025-04-03T08:00:00+02:00'), 'releasedAt'],
  ['bounds that are not the month’s', (r) => void (r.periodEnd = '2025-04-02T00:00:00Z'), 'period'],
  ['a unit other than notice', (r) => void (r.unit = 'incident'), 'unit'],
  ['coverage out of order', (r) => void r.coverage.reverse(), 'coverage[1].issuer'],
  ['counted levels that are not a list', (r) => void (r.coverage[0].countedTlp = 'CLEAR'), 'coverage[0].countedTlp'],
  ['k below 3', (r) => void (r.disclosure.k = 2), 'disclosure.k'],
  ['p other than k', (r) => void (r.disclosure.p = 6), 'disclosure.p'],
  ['primary and secondary that do not add up', (r) => void (r.disclosure.primary += 1), 'disclosure.suppressed'],
  [
    'a suppressed count the tables do not have',
    (r) => {
      r.disclosure.suppressed += 1;
      r.disclosure.secondary += 1;
    },
    'disclosure.suppressed',
  ],
  ['a table missing', (r) => void r.tables.pop(), 'tables'],
  ['tables out of order', (r) => void r.tables.reverse(), 'tables[0].id'],
  ['a suppressed cell with a value', (r) => void (r.tables[0].cells[3].value = 2), 'tables[0].cells[3].value'],
  ['a published cell without one', (r) => void (r.tables[0].cells[0].value = null), 'tables[0].cells[0].value'],
  ['a negative value', (r) => void (r.tables[0].cells[1].value = -1), 'tables[0].cells[1].value'],
  ['a fractional value', (r) => void (r.tables[0].cells[1].value = 0.5), 'tables[0].cells[1].value'],
  ['suppressed given as text', (r) => void (r.tables[0].cells[0].suppressed = 'no'), 'tables[0].cells[0].suppressed'],
  ['a field a cell does not have', (r) => void (r.tables[0].cells[0].contributors = 12), 'tables[0].cells[0].contributors'],
  ['fixed keys out of order', (r) => void r.tables[0].cells.reverse(), 'tables[0].cells'],
  ['countries out of order', (r) => void r.tables[2].cells.reverse(), 'tables[2].cells[1].key'],
  ['a key that is not a country', (r) => void (r.tables[2].cells[1].key = 'Libya'), 'tables[2].cells[1].key'],
  ['a role on a table of all notices', (r) => void (r.tables[0].role = 'WITNESS'), 'tables[0].role'],
  ['a role table without its role', (r) => void delete r.tables[16].role, 'tables[16].role'],
  ['published cells that do not sum to their total', (r) => void (r.tables[1].cells[0].value += 1), 'tables[1].total.value'],
  [
    'a shared total that differs between its tables',
    (r) => {
      r.tables[1].cells[0].value += 1;
      r.tables[1].total.value += 1;
    },
    'tables[1].total',
  ],
  [
    'a shared total suppressed in one of its tables only',
    (r) => {
      r.tables[1].total = { value: null, suppressed: true };
      r.disclosure.suppressed += 1;
      r.disclosure.secondary += 1;
    },
    'tables[1].total',
  ],
  [
    'a role table whose total is not its cell of persons.role',
    (r) => {
      r.tables[16].cells[0].value += 1;
      r.tables[16].total.value += 1;
    },
    'tables[16].total',
  ],
  [
    'a cell published in a table whose total is suppressed',
    (r) => {
      r.tables[10].cells[0] = { key: 'ALERT', value: 0, suppressed: false };
      r.disclosure.suppressed -= 1;
      r.disclosure.secondary -= 1;
    },
    'tables[10].cells[0].value',
  ],
  [
    'a country listed in a route table whose total is suppressed',
    (r) => {
      r.tables[12].cells = [{ key: 'EG', value: null, suppressed: true }];
      r.disclosure.cells += 1;
      r.disclosure.suppressed += 1;
      r.disclosure.secondary += 1;
    },
    'tables[12].cells',
  ],
];

describe('reading a release back', () => {
  test('a well-formed release reads back as it was', () => {
    expect(parseRelease(sample())).toEqual(releaseOf(someNotices()).release);
  });

  test.each([[[]], [null], ['{"format":1}']])('%j, not an object, is refused with E_STATE', (json) => {
    expect(() => parseRelease(json)).toThrow(expect.objectContaining({ code: 'E_STATE', path: 'text' }));
  });

  test.each(refusals)('%s is refused with E_STATE naming the field', (_, spoil, path) => {
    const release = sample();
    spoil(release);
    expect(() => parseRelease(release)).toThrow(expect.objectContaining({ code: 'E_STATE', path }));
  });
});
