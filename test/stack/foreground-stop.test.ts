import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, expect, test } from 'vitest';
import { isRunning, packageRoot, readStackState, stackDown, stackLayout } from '../../libs/stack/index.js';

type Cli = ChildProcessByStdio<null, Readable, Readable>;

const dirs: string[] = [];

afterEach(async () => {
  // Whatever a failed test left running is stopped here, not left on the machine.
  for (const dir of dirs.splice(0)) {
    await stackDown(dir).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `accord stack up --foreground` with its output on pipes, as under `make run 2>&1 | tee run.log`. */
function foregroundStack(): { dir: string; cli: Cli; output: () => string; exited: Promise<number | null> } {
  const dir = mkdtempSync(join(tmpdir(), 'accord-fg-'));
  dirs.push(dir);
  const cli = spawn(process.execPath, [join(packageRoot(), 'dist', 'cli', 'main.js'), 'stack', 'up', '--dir', dir, '--foreground'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  cli.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  cli.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
  return { dir, cli, output: () => output, exited };
}

async function until(what: string, check: () => boolean, output: () => string): Promise<void> {
  for (let waited = 0; waited < 120_000; waited += 100) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within 120 s; output so far:\n${output()}`);
}

function stackPids(dir: string): number[] {
  return Object.values(readStackState(stackLayout(dir))?.pids ?? {});
}

test('a foreground stack whose stdout and stderr went away still stops every process it started on Ctrl-C', async () => {
  const { dir, cli, output, exited } = foregroundStack();
  await until('the stack runs', () => output().includes('running in the foreground'), output);
  const pids = stackPids(dir);
  expect(pids.length).toBeGreaterThanOrEqual(6);
  cli.stdout.destroy();
  cli.stderr.destroy();
  cli.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(pids.filter(isRunning)).toEqual([]);
}, 180_000);

test('a second Ctrl-C while a foreground stack stops does not cut the stop short', async () => {
  const { dir, cli, output, exited } = foregroundStack();
  await until('the stack runs', () => output().includes('running in the foreground'), output);
  const pids = stackPids(dir);
  cli.kill('SIGINT');
  await until('the stop begins', () => output().includes('stopping the stack'), output);
  cli.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(output()).toContain('the stack is stopping already');
  expect(pids.filter(isRunning)).toEqual([]);
}, 180_000);
