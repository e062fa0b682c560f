/** Exit codes of the contract. */
export const EXIT = { ok: 0, error: 1, usage: 2, verificationFailed: 3, quarantined: 4 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A command-line mistake: reported with a pointer to --help, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
