import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccordError, errorMessage, isAccordError } from '../errors/index.js';
import { StopWaiting, waitFor } from '../polling/index.js';
import { packageRoot } from '../stack/index.js';

/** A long-running verb of the built CLI, started by `make run` and stopped by it. */
export interface CliChild {
  pid: number;
  logFile: string;
  /** Resolves once it has exited, with how: `exit 1`, `SIGKILL`. */
  exited: Promise<string>;
  running(): boolean;
  /** SIGTERM, then SIGKILL after the grace period; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const cliEntry = (): string => join(packageRoot(), 'dist', 'cli', 'main.js');

/** True when this build's CLI has the verb: `accord <words> --help` exits 0. */
export function cliHasVerb(words: readonly string[]): boolean {
  return spawnSync(process.execPath, [cliEntry(), ...words, '--help'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

/**
 * Starts `accord <args>` with its output appended to `logFile`. In a process group of its
 * own, so that a Ctrl-C in the terminal reaches only `make run`, which stops its children
 * in order (nodes and console before the stack they are connected to).
 */
export function startCliChild(args: readonly string[], logFile: string, env: NodeJS.ProcessEnv = process.env): CliChild {
  const log = openSync(logFile, 'a');
  let child;
  try {
    child = spawn(process.execPath, [cliEntry(), ...args], { stdio: ['ignore', log, log], env, detached: true });
  } finally {
    closeSync(log);
  }
  const { pid } = child;
  if (pid === undefined) throw new AccordError('E_STATE', `cannot start accord ${args.join(' ')}`);
  let done = false;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve(signal ?? `exit ${code}`);
    });
  });
  return {
    pid,
    logFile,
    exited,
    running: () => !done,
    async stop(graceMs = 10_000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The last lines of a log, for an error that says why a process did not start. */
export function logTail(logFile: string, lines = 12): string {
  if (!existsSync(logFile)) return '';
  return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Asks `url` until it answers with a status `accept` takes; fails at once when the child
 * exits, and after `timeoutMs`, each time with the end of its log.
 */
export async function waitUntilAnswering(
  child: CliChild,
  url: string,
  accept: (status: number) => boolean,
  timeoutMs: number,
): Promise<void> {
  try {
    await waitFor(url, timeoutMs, async () => {
      if (!child.running())
        throw new StopWaiting(
          new AccordError('E_UNAVAILABLE', `it exited (${await child.exited}) before ${url} answered:\n${logTail(child.logFile)}`),
        );
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (!accept(response.status)) throw new Error(`status ${response.status}`);
      return true;
    });
  } catch (error) {
    if (isAccordError(error)) throw error;
    throw new AccordError('E_TIMEOUT', `${errorMessage(error)}:\n${logTail(child.logFile)}`);
  }
}
