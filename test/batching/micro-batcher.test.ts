import { describe, expect, test } from 'vitest';
import { chunksWithin, MicroBatcher } from '../../libs/batching/index.js';

function recording(maxItems: number, answer: (items: number[]) => Promise<string[]> = async (items) => items.map((i) => `r${i}`)) {
  const batches: number[][] = [];
  const batcher = new MicroBatcher<number, string>(async (items) => {
    batches.push(items);
    return answer(items);
  }, maxItems);
  return { batcher, batches };
}

describe('MicroBatcher', () => {
  test('items submitted in the same turn go out as one batch, each caller getting its own result', async () => {
    const { batcher, batches } = recording(100);
    const results = await Promise.all([1, 2, 3].map((i) => batcher.submit(i)));
    expect(batches).toEqual([[1, 2, 3]]);
    expect(results).toEqual(['r1', 'r2', 'r3']);
  });

  test('a batch never holds more than maxItems', async () => {
    const { batcher, batches } = recording(2);
    await Promise.all([1, 2, 3, 4, 5].map((i) => batcher.submit(i)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  test('items submitted in later turns go out in later batches', async () => {
    const { batcher, batches } = recording(100);
    await batcher.submit(1);
    await batcher.submit(2);
    expect(batches).toEqual([[1], [2]]);
  });

  test('a failed flush fails every item of its batch and none of the next', async () => {
    let fail = true;
    const { batcher } = recording(100, async (items) => {
      if (fail) throw new Error('stage unreachable');
      return items.map(String);
    });
    const first = [1, 2].map((i) => batcher.submit(i).catch((e: Error) => e.message));
    expect(await Promise.all(first)).toEqual(['stage unreachable', 'stage unreachable']);
    fail = false;
    expect(await batcher.submit(3)).toBe('3');
  });

  test('an answer with the wrong number of results fails the batch rather than misattribute results', async () => {
    const { batcher } = recording(100, async () => ['only one']);
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow('a batch of 2 was answered with 1 results');
  });
});

describe('chunksWithin', () => {
  const size = (n: number): number => n;

  test('splits a batch into consecutive runs whose sizes fit the budget, order kept', () => {
    expect(chunksWithin([4, 4, 4, 1, 9], size, 8)).toEqual([[4, 4], [4, 1], [9]]);
  });

  test('an item larger than the budget travels alone rather than being dropped', () => {
    expect(chunksWithin([2, 20, 2], size, 8)).toEqual([[2], [20], [2]]);
  });
});
