/** Runs `step` repeatedly for about `ms` milliseconds; returns operations per second. */
export async function perSecond(ms: number, step: () => Promise<number> | number): Promise<number> {
  const start = performance.now();
  let ops = 0;
  while (performance.now() - start < ms) ops += await step();
  return ops / ((performance.now() - start) / 1000);
}
