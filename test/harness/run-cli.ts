import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../libs/stack/index.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const cliEntry = (): string => join(packageRoot(), 'dist', 'cli', 'main.js');

/** Runs the built `accord` CLI, blocking: only where no service runs in the test's process. */
export function runCliSync(...args: string[]): CliRun {
  const run = spawnSync(process.execPath, [cliEntry(), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs the built CLI, blocking, and answers its output; a non-zero exit throws with what it said. */
export function cliOk(...args: string[]): string {
  const run = runCliSync(...args);
  if (run.status !== 0) throw new Error(`accord ${args.join(' ')}: ${run.status}\n${run.stderr}`);
  return run.stdout;
}

/**
 * Runs the built `accord` CLI. Asynchronous on purpose: services under test run in the
 * test's own process and must keep answering while the CLI waits for them.
 */
export function runCli(...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
