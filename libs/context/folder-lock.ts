import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AccordError } from '../errors/index.js';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `use` holding the folder's administration lock (a file made exclusively, naming
 * this process): two verbs changing identities.json, stack.json or the account at once
 * could lose a record, and a lost public key is a credential no one can revoke. A lock
 * left by a process that is gone is taken over.
 */
export async function withFolderLock<T>(lockFile: string, use: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lockFile), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx', 0o600);
  } catch {
    const holder = Number(readFileSync(lockFile, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && running(holder)) {
      throw new AccordError(
        'E_STATE',
        `another administration verb (pid ${holder}) is changing ${dirname(dirname(lockFile))}: try again when it is done`,
      );
    }
    rmSync(lockFile, { force: true });
    fd = openSync(lockFile, 'wx', 0o600);
  }
  writeSync(fd, `${process.pid}\n`);
  closeSync(fd);
  try {
    return await use();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
