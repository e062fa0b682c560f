import type { ExitCode } from './cli-errors.js';

export interface Command {
  /** The verb as typed, e.g. "stack up". */
  name: string;
  summary: string;
  /** Full --help text: usage, options, an example. */
  help: string;
  run(argv: string[]): Promise<ExitCode>;
}
