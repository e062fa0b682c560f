const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Thrown by a probe to end the wait at once (what it waits for cannot happen): `waitFor` throws `reason`. */
export class StopWaiting extends Error {
  constructor(readonly reason: Error) {
    super(reason.message);
  }
}

/** Probes until it answers a value; a probe's error is retried, except StopWaiting. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof StopWaiting) throw error.reason;
      lastError = error;
    }
    await sleep(100);
  }
  const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s${detail}`);
}
