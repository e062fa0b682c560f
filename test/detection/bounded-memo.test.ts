import { describe, expect, test } from 'vitest';
import { boundedMemo } from '../../libs/detection/index.js';

describe('bounded memo', () => {
  test('a key asked twice is computed once', () => {
    const computed: string[] = [];
    const upper = boundedMemo(10, (key) => (computed.push(key), key.toUpperCase()));
    expect([upper('a'), upper('a')]).toEqual(['A', 'A']);
    expect(computed).toEqual(['a']);
  });

  test('past its bound it forgets what it held and computes again', () => {
    const computed: string[] = [];
    const upper = boundedMemo(2, (key) => (computed.push(key), key.toUpperCase()));
    for (const key of ['a', 'b', 'c', 'a']) upper(key);
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
