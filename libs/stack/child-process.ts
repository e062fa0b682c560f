import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface SpawnedProcess {
  pid: number;
}

/**
 * Starts a long-running process with its output appended to a log file. `detached`
 * processes outlive the CLI that started them (`stack up` returns; `stack down` stops them).
 */
export function spawnLogged(
  command: string,
  args: string[],
  logFile: string,
  options: { env?: NodeJS.ProcessEnv; detached?: boolean; cwd?: string } = {},
): SpawnedProcess {
  const log = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, {
      stdio: ['ignore', log, log],
      env: options.env ?? process.env,
      detached: options.detached ?? false,
      cwd: options.cwd,
    });
    if (child.pid === undefined) throw new Error(`cannot start ${command}`);
    if (options.detached) child.unref();
    return { pid: child.pid };
  } finally {
    closeSync(log);
  }
}

/**
 * Alive and not a zombie: a detached process that has exited stays a zombie until init
 * reaps it, and signal 0 still reaches it meanwhile.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** SIGTERM, then SIGKILL if it has not exited within the grace period. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<void> {
  if (!isRunning(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return;
    await sleep(50);
  }
  if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  while (isRunning(pid)) await sleep(20);
}
