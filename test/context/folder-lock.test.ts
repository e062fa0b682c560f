import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { withFolderLock } from '../../libs/context/index.js';

const dirs: string[] = [];
function lockIn(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-lock-'));
  dirs.push(dir);
  return join(dir, 'run', 'admin.lock');
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the administration folder lock', () => {
  test('a second verb while one runs is refused, naming the holder', async () => {
    const lock = lockIn();
    await withFolderLock(lock, async () => {
      await expect(withFolderLock(lock, async () => 'second')).rejects.toMatchObject({
        code: 'E_STATE',
        message: expect.stringContaining(`pid ${process.pid}`),
      });
    });
  });

  test('the lock is released when the verb ends, even by an error', async () => {
    const lock = lockIn();
    await expect(withFolderLock(lock, async () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(existsSync(lock)).toBe(false);
    expect(await withFolderLock(lock, async () => 'next')).toBe('next');
  });

  test('a lock left by a process that is gone is taken over', async () => {
    const lock = lockIn();
    await withFolderLock(lock, async () => undefined);
    writeFileSync(lock, '999999999\n');
    expect(await withFolderLock(lock, async () => 'taken')).toBe('taken');
  });
});
