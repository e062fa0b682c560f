import { AccordError } from '../errors/index.js';
import type { Category } from '../notice/index.js';
import type { InvariantId } from './engine-invariants.js';

export interface PolicyProblem {
  /** 1-based, where the problem is in the policy file. */
  line: number;
  column: number;
  /** Where in the document, e.g. "rules[3].grant[1]". */
  path: string;
  message: string;
  /** A rule that would break engine invariants: which ones, by granting what (sorted). */
  breaks?: readonly { invariant: InvariantId; categories: readonly Category[] }[];
}

/** Where a problem is: its line, column and path. */
export type ProblemLocation = Pick<PolicyProblem, 'line' | 'column' | 'path'>;

/** A policy file that cannot be used, with every problem found, each located. */
export class PolicyInvalidError extends AccordError {
  constructor(
    readonly file: string,
    readonly problems: readonly PolicyProblem[],
  ) {
    super('E_POLICY_INVALID', problems.map((p) => formatProblem(file, p)).join('\n'));
  }
}

export function formatProblem(file: string, p: PolicyProblem): string {
  return `${file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}
