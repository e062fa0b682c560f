import { AccordError } from '../libs/errors/index.js';

/** Exit codes of the contract. */
export const EXIT = { ok: 0, error: 1, usage: 2, verificationFailed: 3, quarantined: 4 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A command-line mistake (E_USAGE): reported with a pointer to --help, exit 2. */
export function usageError(message: string): AccordError {
  return new AccordError('E_USAGE', message);
}
