import { AccordError, type AccordErrorCode } from '../errors/index.js';

/**
 * Failure points for fault tests, off unless ACCORD_FAILPOINTS names them, as
 * "name:N[:action]" (comma-separated): the Nth time `failpoint(name)` is reached, the
 * action happens, once. Actions:
 * - `kill` (the default): SIGKILL, no clean-up, as a power cut would;
 * - `throw`: an Error, as a bug would;
 * - a code (`E_UNKNOWN_AGENCY`): a non-retryable AccordError with that code, as a check refusing would.
 * "crash-after-claim:3" kills the process the 3rd time `failpoint('crash-after-claim')` is reached.
 */
type Action = 'kill' | 'throw' | AccordErrorCode;

interface Armed {
  left: number;
  action: Action;
}

function parseAction(spec: string, action: string): Action {
  if (action === 'kill' || action === 'throw') return action;
  // Any code a test chooses, the contract's or an operational one.
  if (/^E_[A-Z_]+$/.test(action)) return action as AccordErrorCode;
  throw new Error(`ACCORD_FAILPOINTS: "${spec}": the action is kill, throw or an error code, not "${action}"`);
}

const armed = new Map<string, Armed>(
  (process.env.ACCORD_FAILPOINTS ?? '')
    .split(',')
    .filter(Boolean)
    .map((spec) => {
      const [name = '', count = '1', action = 'kill'] = spec.split(':');
      return [name, { left: Number(count), action: parseAction(spec, action) }];
    }),
);

export function failpoint(name: string): void {
  const point = armed.get(name);
  if (point === undefined) return;
  if (point.left > 1) {
    point.left -= 1;
    return;
  }
  armed.delete(name);
  if (point.action === 'kill') process.kill(process.pid, 'SIGKILL');
  else if (point.action === 'throw') throw new Error(`failpoint ${name}`);
  else throw new AccordError(point.action, `failpoint ${name}`);
}
