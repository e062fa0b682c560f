import { readFile } from 'node:fs/promises';
import { AccordError, errorMessage } from '../errors/index.js';

export async function readSecretFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new AccordError('E_CONFIG', `cannot read ${what} at ${path}: ${errorMessage(error)}`, { cause: error });
  }
}

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  const text = (await readSecretFile(path, what)).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AccordError('E_CONFIG', `${what} at ${path} is not valid JSON: ${errorMessage(error)}`, { cause: error });
  }
}
