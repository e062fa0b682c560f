import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../libs/stack/index.js';

export interface NodeProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

/**
 * `accord node serve` as a process of its own (the built CLI), on any free loopback port;
 * resolves once it prints where it listens. `args` are more options of `node serve`
 * (`--tls-cert FILE --tls-key FILE`).
 */
export function startNodeProcess(dir: string, env: Record<string, string> = {}, args: readonly string[] = []): Promise<NodeProcess> {
  const child = spawn(
    process.execPath,
    [join(packageRoot(), 'dist', 'cli', 'main.js'), 'node', 'serve', '--dir', dir, '--listen', '127.0.0.1:0', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its log is kept (output()), so a test can read what it wrote.
      env: { ...process.env, ACCORD_LOG: 'on', ...env },
    },
  );
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopWith = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      const match = /accord node listening on (\S+)/.exec(out);
      if (match?.[1]) {
        resolve({ url: match[1], child, output: () => out, stop: () => stopWith('SIGTERM'), kill9: () => stopWith('SIGKILL') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`accord node serve exited (${code}) before listening:\n${out}`)));
  });
}

/** The API token `accord node token create` printed. */
export const tokenIn = (stdout: string): string => /^(acn_[A-Za-z0-9_-]+)$/m.exec(stdout)?.[1] ?? '';

/** The one-time password `accord node officer add` printed. */
export const oneTimePasswordIn = (stdout: string): string => /^one-time password: (\S+)$/m.exec(stdout)?.[1] ?? '';
