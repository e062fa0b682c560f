/**
 * `compute` remembered for up to `max` keys, then forgotten all at once: keys come from
 * notices (outside input), so the memory must stay bounded, and the values repeat enough
 * (the same names across a notice's grant sets and a case's notices) that a simple bound
 * keeps most hits. What is remembered stays in this process's memory only.
 */
export function boundedMemo<V>(max: number, compute: (key: string) => V): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      if (memo.size >= max) memo.clear();
      memo.set(key, value);
    }
    return value;
  };
}
