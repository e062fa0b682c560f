/**
 * Crash points for fault tests, off unless ACCORD_FAILPOINTS names them:
 * "crash-after-claim:3" kills the process (SIGKILL, no clean-up, as a power cut would)
 * the 3rd time `failpoint('crash-after-claim')` is reached.
 */
const armed = new Map<string, number>(
  (process.env.ACCORD_FAILPOINTS ?? '')
    .split(',')
    .filter(Boolean)
    .map((spec) => {
      const [name = '', count = '1'] = spec.split(':');
      return [name, Number(count)];
    }),
);

export function failpoint(name: string): void {
  const left = armed.get(name);
  if (left === undefined) return;
  if (left > 1) {
    armed.set(name, left - 1);
    return;
  }
  process.kill(process.pid, 'SIGKILL');
}
