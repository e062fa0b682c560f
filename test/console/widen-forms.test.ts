/** The console's forms on requests to widen, read as the bus will take them: what is asked, for how long, why not. */
import { describe, expect, test } from 'vitest';
import { readRefusal, readReleaseDays, readWidenAskForm } from '../../libs/console/index.js';

const OFFERED = ['smuggler.identity', 'location.precise'];

describe('the ask form', () => {
  test('gives the categories ticked and the reason, its line breaks as LF: the bus refuses a carriage return', () => {
    const read = readWidenAskForm({ categories: ['smuggler.identity'], reason: ['Same skipper.\r\nSame boat.'] }, OFFERED, 2000);
    expect(read).toEqual({ form: { categories: ['smuggler.identity'], reason: 'Same skipper.\nSame boat.' } });
  });

  test('without a category, or with one not offered, says so and keeps what was typed', () => {
    expect(readWidenAskForm({ reason: ['Why'] }, OFFERED, 2000)).toEqual({
      form: { categories: [], reason: 'Why' },
      problem: { messageKey: 'widenError.noCategory' },
    });
    const core = readWidenAskForm({ categories: ['core', 'smuggler.identity'], reason: ['Why'] }, OFFERED, 2000);
    expect(core.problem).toEqual({ messageKey: 'widenError.categoryNotOffered' });
    expect(core.form.categories).toEqual(['smuggler.identity']);
  });

  test('a reason left empty, or only spaces, is missing; one longer than the limit is refused with the limit', () => {
    expect(readWidenAskForm({ categories: ['financial'] }, ['financial'], 2000).problem?.messageKey).toBe('widenError.reasonMissing');
    expect(readWidenAskForm({ categories: ['financial'], reason: ['  \r\n '] }, ['financial'], 2000).problem?.messageKey).toBe(
      'widenError.reasonMissing',
    );
    expect(readWidenAskForm({ categories: ['financial'], reason: ['x'.repeat(11)] }, ['financial'], 10).problem).toEqual({
      messageKey: 'widenError.reasonTooLong',
      params: { max: 10 },
    });
    expect(readWidenAskForm({ categories: ['financial'], reason: ['x'.repeat(10)] }, ['financial'], 10).problem).toBeUndefined();
  });

  test('a category ticked twice is asked for once', () => {
    expect(readWidenAskForm({ categories: ['financial', 'financial'], reason: ['Why'] }, ['financial'], 2000).form.categories).toEqual([
      'financial',
    ]);
  });
});

describe('the decision forms', () => {
  test('a release lasts a whole number of days from 1 to the limit', () => {
    expect(readReleaseDays({ expiresInDays: ['7'] }, 30)).toBe(7);
    expect(readReleaseDays({ expiresInDays: ['30'] }, 30)).toBe(30);
    for (const days of ['0', '31', '2.5', '-1', '', 'seven', '1e1'])
      expect(readReleaseDays({ expiresInDays: [days] }, 30), days).toBeUndefined();
    expect(readReleaseDays({}, 30)).toBeUndefined();
  });

  test("a refusal's reason is optional and trimmed; one longer than the limit is refused", () => {
    expect(readRefusal({}, 2000)).toBe('');
    expect(readRefusal({ reason: [' Not now.\r\n '] }, 2000)).toBe('Not now.');
    expect(readRefusal({ reason: ['x'.repeat(11)] }, 10)).toBeUndefined();
  });
});
