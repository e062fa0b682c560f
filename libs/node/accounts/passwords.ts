import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { AccordError } from '../../errors/index.js';

/** Argon2id with OWASP's first recommended parameters (19 MiB, 2 passes, 1 lane). */
export const PASSWORD_HASH_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * The hash a login for an unknown name is checked against, made with the same parameters
 * from a random password nobody kept: the answer takes as long as for a real officer.
 */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$dz7Q8D6EJ6ZGThiVdXorhA$K8FSE5YOWTSy+GMA2zBuGm0fteDxEEm6R5EgoNE8MQo';

const ONE_TIME_PASSWORD_BYTES = 24;

/** Length in characters (code points), as the officer counts them. */
function passwordLength(password: string): number {
  // oxlint-disable-next-line typescript/no-misused-spread -- code points are what is counted: an emoji is one, not two UTF-16 units
  return [...password].length;
}

export function assertPasswordRule(password: string): void {
  const length = passwordLength(password);
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new AccordError('E_USAGE', `a password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, not ${length}`, {
      path: 'password',
    });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

/**
 * True when `password` matches `hashed`. Without a hash (an unknown name) the dummy hash
 * is checked all the same and the answer is false. A password longer than any allowed
 * one is never right; the dummy is checked for it too, on an empty input.
 */
export async function verifyPassword(hashed: string | undefined, password: string): Promise<boolean> {
  const tooLong = password.length > 2 * MAX_PASSWORD_LENGTH || passwordLength(password) > MAX_PASSWORD_LENGTH;
  const against = hashed === undefined || tooLong ? DUMMY_HASH : hashed;
  let matches: boolean;
  try {
    matches = await verify(against, tooLong ? '' : password);
  } catch {
    matches = false;
  }
  return matches && against !== DUMMY_HASH;
}

/** 24 random bytes as base64url: 32 characters, handed to the officer once. */
export function newOneTimePassword(): string {
  return randomBytes(ONE_TIME_PASSWORD_BYTES).toString('base64url');
}
