import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { packageRoot } from '../../libs/stack/index.js';

test('the demo scenario holds end to end: real stack, real CLI, every check passing', () => {
  const run = spawnSync(process.execPath, [join(packageRoot(), 'dist', 'scripts', 'demo.js')], { encoding: 'utf8', timeout: 120_000 });
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('demo passed: every step held');
  expect(run.status).toBe(0);
}, 150_000);
