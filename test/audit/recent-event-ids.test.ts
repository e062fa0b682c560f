import { expect, test } from 'vitest';
import { RecentEventIds } from '../../libs/audit/index.js';

test('an id added is recognised', () => {
  const ids = new RecentEventIds(3);
  ids.add('a');
  expect(ids.has('a')).toBe(true);
  expect(ids.has('b')).toBe(false);
});

test('beyond its capacity it forgets the oldest id first', () => {
  const ids = new RecentEventIds(2);
  for (const id of ['a', 'b', 'c']) ids.add(id);
  expect([ids.has('a'), ids.has('b'), ids.has('c')]).toEqual([false, true, true]);
});

test('an empty id is never remembered (events without an id are never deduplicated)', () => {
  const ids = new RecentEventIds(2);
  ids.add('');
  expect(ids.has('')).toBe(false);
});
