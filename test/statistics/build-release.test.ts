import { describe, expect, test } from 'vitest';
import { parseRelease } from '../../libs/statistics/index.js';
import { notice, releaseOf, someNotices } from './notices.js';

describe('building a release', () => {
  test('it carries format 1, the period with its bounds in RFC 3339, the version and the unit, notices', () => {
    const { release } = releaseOf(someNotices(), { version: 2 });
    expect(release).toMatchObject({
      format: 1,
      period: '2025-03',
      periodStart: '2025-03-01T00:00:00Z',
      periodEnd: '2025-04-01T00:00:00Z',
      version: 2,
      releasedAt: '2025-04-03T06:00:00.250Z',
      unit: 'notice',
    });
  });

  test('its note says it counts notices, not incidents, and persons as recorded', () => {
    const { note } = releaseOf([]).release;
    expect(note).toMatch(/notice, not the incident/);
    expect(note).toMatch(/counted twice/);
    expect(note).toMatch(/not deduplicated/);
  });

  test('its coverage is sorted by issuer', () => {
    expect(releaseOf([]).release.coverage.map((c) => c.issuer)).toEqual(['gr-coastguard', 'it-police']);
  });

  test('its disclosure block names the method, k, p = k and the counts', () => {
    const { release } = releaseOf(someNotices(), { k: 4 });
    const cells = release.tables.reduce((s, t) => s + t.cells.length + 1, 0);
    expect(release.disclosure).toMatchObject({ method: 'threshold and secondary suppression', k: 4, p: 4, cells });
    expect(release.disclosure.suppressed).toBe(release.disclosure.primary + release.disclosure.secondary);
  });

  test('the same input gives the same JSON text, whatever the order of the coverage', () => {
    const a = releaseOf(someNotices()).release;
    const b = releaseOf(someNotices(), { coverage: [...a.coverage].reverse() }).release;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  test('it returns every suppressed id, carried ones included, for the next version', () => {
    const first = releaseOf(someNotices());
    const second = releaseOf(someNotices().slice(0, 19), { version: 2, previouslySuppressed: first.suppressed });
    expect(first.suppressed).toContain('notices.type/CASE_UPDATE');
    expect(second.suppressed).toEqual(expect.arrayContaining(first.suppressed));
  });

  test('a release reads back through parseRelease as the same JSON text', () => {
    const { release } = releaseOf(someNotices());
    const text = JSON.stringify(release);
    expect(JSON.stringify(parseRelease(JSON.parse(text)))).toBe(text);
  });

  test('a fixed-length period is released under its start’s name', () => {
    const start = new Date('2025-03-04T05:00:00Z');
    const { release } = releaseOf([], { period: '2025-03-04T05:00:00Z', start, end: new Date('2025-03-04T06:00:00Z') });
    expect(release).toMatchObject({ periodStart: '2025-03-04T05:00:00Z', periodEnd: '2025-03-04T06:00:00Z' });
  });

  test('bounds that are not the period’s are refused with E_USAGE', () => {
    expect(() => releaseOf([], { end: new Date('2025-04-02T00:00:00Z') })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });

  test.each([0, 1.5])('version %s is refused with E_USAGE', (version) => {
    expect(() => releaseOf([], { version })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });

  test('a counted notice whose issuer is not in the coverage is refused with E_USAGE', () => {
    expect(() => releaseOf([notice({ issuer: 'mt-afm' })])).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });

  test('an issuer twice in the coverage is refused with E_USAGE', () => {
    const coverage = [
      { issuer: 'it-police', countedTlp: ['CLEAR'] },
      { issuer: 'it-police', countedTlp: ['GREEN'] },
    ];
    expect(() => releaseOf([], { coverage })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });

  test('k below 3 is refused with E_CONFIG', () => {
    expect(() => releaseOf(someNotices(), { k: 2 })).toThrow(expect.objectContaining({ code: 'E_CONFIG' }));
  });
});
