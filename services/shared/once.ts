/** Runs `fn` the first time only; later calls get the first call's promise (stop is idempotent). */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= fn());
}
