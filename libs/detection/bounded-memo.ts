/** Bounds of a memo, besides its number of keys. */
export interface MemoBounds {
  /** Keys longer than this are computed and not remembered. */
  maxKeyLength?: number;
  /** The keys remembered together hold at most this many characters. */
  maxTotalLength?: number;
}

/**
 * `compute` remembered for up to `max` keys, then forgotten all at once: keys come from
 * notices (outside input), so the memory must stay bounded, and the values repeat enough
 * (the same names across a notice's grant sets and a case's notices) that a simple bound
 * keeps most hits. What is remembered stays in this process's memory only.
 */
export function boundedMemo<V>(max: number, compute: (key: string) => V, bounds: MemoBounds = {}): (key: string) => V {
  const memo = new Map<string, V>();
  const maxKey = bounds.maxKeyLength ?? Number.POSITIVE_INFINITY;
  const maxTotal = bounds.maxTotalLength ?? Number.POSITIVE_INFINITY;
  let total = 0;
  return (key) => {
    if (key.length > maxKey) return compute(key);
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      if (memo.size >= max || total + key.length > maxTotal) {
        memo.clear();
        total = 0;
      }
      memo.set(key, value);
      total += key.length;
    }
    return value;
  };
}
