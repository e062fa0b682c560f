import { readFile } from 'node:fs/promises';
import { AccordError, errorMessage } from '../errors/index.js';
import { compilePolicy, type CompiledPolicy } from './compile-policy.js';
import type { PolicyProblem } from './policy-errors.js';
import { parsePolicy, parsePolicyForExplain } from './parse-policy.js';

/** Parses and compiles a policy text (throws PolicyInvalidError with every problem). */
export function compilePolicyText(text: string, file: string, version: number | string): CompiledPolicy {
  return compilePolicy(parsePolicy(text, file), text, version);
}

/**
 * Compiles a policy even if its rules would break an engine invariant, returning those
 * problems to show: for `policy explain`, and for routing, which enforces the invariants
 * itself, so that a version applied before they were checked keeps routing going.
 */
export function compilePolicyTextEnforced(
  text: string,
  file: string,
  version: number | string,
): { policy: CompiledPolicy; invariantProblems: PolicyProblem[] } {
  const { policy, invariantProblems } = parsePolicyForExplain(text, file);
  return { policy: compilePolicy(policy, text, version), invariantProblems };
}

export async function readPolicyFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new AccordError('E_USAGE', `cannot read policy ${file}: ${errorMessage(error)}`, { cause: error });
  }
}
