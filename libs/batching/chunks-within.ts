/** Consecutive runs of items whose sizes add up to at most `budget` (one oversize item alone). */
export function chunksWithin<I>(items: I[], sizeOf: (item: I) => number, budget: number): I[][] {
  const chunks: I[][] = [];
  let current: I[] = [];
  let size = 0;
  for (const item of items) {
    const s = sizeOf(item);
    if (current.length > 0 && size + s > budget) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += s;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
