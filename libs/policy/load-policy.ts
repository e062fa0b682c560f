import { readFile } from 'node:fs/promises';
import { AccordError, errorMessage } from '../errors/index.js';
import { compilePolicy, type CompiledPolicy } from './compile-policy.js';
import { parsePolicy } from './parse-policy.js';

/** Parses and compiles a policy text (throws PolicyInvalidError with every problem). */
export function compilePolicyText(text: string, file: string, version: number | string): CompiledPolicy {
  return compilePolicy(parsePolicy(text, file), text, version);
}

export async function readPolicyFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new AccordError('E_USAGE', `cannot read policy ${file}: ${errorMessage(error)}`, { cause: error });
  }
}
