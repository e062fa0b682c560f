import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../libs/stack/index.js';

export interface AuditConsoleProcess {
  /** What it printed: `http://127.0.0.1:PORT/`. */
  url: string;
  child: ChildProcess;
  /** Everything it wrote, for a failing test's message. */
  output(): string;
  /** SIGTERM, and its exit code once it has stopped. */
  stop(): Promise<number | null>;
}

/**
 * `accord audit console` as a process of its own (the built CLI) on any free loopback
 * port; resolves once it prints its URL.
 */
export function startAuditConsoleProcess(dir: string, args: readonly string[] = []): Promise<AuditConsoleProcess> {
  const child = spawn(
    process.execPath,
    [join(packageRoot(), 'dist', 'cli', 'main.js'), 'audit', 'console', '--dir', dir, '--listen', '127.0.0.1:0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      const match = /^auditor console at (http:\/\/\S+)$/m.exec(out);
      if (match?.[1]) resolve({ url: match[1], child, output: () => out, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`accord audit console exited (${code}) before listening:\n${out}`)));
  });
}
