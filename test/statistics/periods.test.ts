import { describe, expect, test } from 'vitest';
import { isPeriodSelector, MONTHLY, periodBounds, periodOf, periodSelected } from '../../libs/statistics/index.js';

const HOURLY = { seconds: 3600 };
const WEEKLY = { seconds: 7 * 86_400 };

describe('statistics periods', () => {
  test('a monthly period is the UTC month an instant falls in', () => {
    expect(periodOf(MONTHLY, new Date('2025-03-31T23:59:59.999Z'))).toBe('2025-03');
    expect(periodOf(MONTHLY, new Date('2025-04-01T00:00:00Z'))).toBe('2025-04');
  });

  test('a month runs from its first instant to the first instant of the next (December into January)', () => {
    expect(periodBounds(MONTHLY, '2025-12')).toEqual({ start: new Date('2025-12-01T00:00:00Z'), end: new Date('2026-01-01T00:00:00Z') });
  });

  test('February of a leap year has 29 days', () => {
    const { start, end } = periodBounds(MONTHLY, '2024-02');
    expect((end.getTime() - start.getTime()) / 86_400_000).toBe(29);
  });

  test('a fixed-length period is named by its start, counted from the Unix epoch', () => {
    expect(periodOf(HOURLY, new Date('2025-03-04T05:59:59Z'))).toBe('2025-03-04T05:00:00Z');
    expect(periodOf(WEEKLY, new Date('2025-03-04T05:06:07Z'))).toBe('2025-02-27T00:00:00Z');
  });

  test('a fixed-length period ends its length after its start', () => {
    expect(periodBounds(HOURLY, '2025-03-04T05:00:00Z')).toEqual({
      start: new Date('2025-03-04T05:00:00Z'),
      end: new Date('2025-03-04T06:00:00Z'),
    });
  });

  test.each(['2025-13', '2025-3', '2025-03-01', 'March'])('the month name "%s" is refused with E_USAGE', (name) => {
    expect(() => periodBounds(MONTHLY, name)).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });

  test.each(['2025-03-04T05:30:00Z', '2025-03', '2025-02-30T00:00:00Z'])('"%s" is refused as an hourly period with E_USAGE', (name) => {
    expect(() => periodBounds(HOURLY, name)).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });

  test('a month selector selects every period that starts in that month', () => {
    expect(periodSelected('2025-03-04T05:00:00Z', '2025-03')).toBe(true);
    expect(periodSelected('2025-03', '2025-03')).toBe(true);
    expect(periodSelected('2025-04-01T00:00:00Z', '2025-03')).toBe(false);
  });

  test('an instant selector selects that period only', () => {
    expect(periodSelected('2025-03-04T05:00:00Z', '2025-03-04T05:00:00Z')).toBe(true);
    expect(periodSelected('2025-03-04T06:00:00Z', '2025-03-04T05:00:00Z')).toBe(false);
  });

  test('a selector is a month or a period start, nothing else', () => {
    expect(['2025-03', '2025-03-04T05:00:00Z'].map(isPeriodSelector)).toEqual([true, true]);
    expect(['2025-3', '2025-03-04', 'last month', '2025-03-04T05:00:00+01:00'].map(isPeriodSelector)).toEqual([false, false, false, false]);
  });
});
