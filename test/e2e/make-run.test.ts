/**
 * `make run` (scripts/run-local.ts) in a temporary folder: the stack, three agency nodes
 * and their demo sign-ins printed in one block; each node answers and the printed
 * one-time password and TOTP secret sign in; Ctrl-C stops every process it started; run
 * again, it reuses the nodes and shows the same sign-ins.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { generate } from 'otplib';
import { afterAll, describe, expect, test } from 'vitest';
import { cliHasVerb, SUMMARY_LAST_LINE } from '../../libs/demo/index.js';
import { isRunning, packageRoot, stackDown } from '../../libs/stack/index.js';
import { call, cookieOf } from '../harness/node-http.js';
import { runCli } from '../harness/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-make-run-'));
const NEW_PASSWORD = 'a password of my own choosing';

afterAll(async () => {
  // Whatever a failed test left running is stopped here, not left on the machine.
  await stackDown(join(dir, 'stack')).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

interface PrintedAccount {
  name: string;
  role: string;
  oneTimePassword?: string;
  passwordLine: string;
  totpSecret?: string;
}

interface PrintedNode {
  agency: string;
  url: string;
  reused: boolean;
  accounts: PrintedAccount[];
}

/** The nodes and accounts of the printed block, read as a person would read it. */
function parseBlock(block: string): { nodes: PrintedNode[]; consoleLine: string } {
  const nodes: PrintedNode[] = [];
  let consoleLine = '';
  for (const line of block.split('\n')) {
    const head = /^([a-z][a-z0-9-]+)\s+(http:\/\/\S+?)\/\s+\(node .*, (set up now|reused);/.exec(line);
    const account = /^ {2}(\S+)\s+(officer|supervisor|admin)\s+(one-time password|password)\s+(.+)$/.exec(line);
    const secret = /^\s+TOTP secret\s+([A-Z2-7]+)$/.exec(line);
    const current = nodes.at(-1);
    if (line.startsWith('auditor console')) consoleLine = line;
    else if (head?.[1] && head[2]) nodes.push({ agency: head[1], url: head[2], reused: head[3] === 'reused', accounts: [] });
    else if (account?.[1] && account[2] && account[4] && current) {
      current.accounts.push({
        name: account[1],
        role: account[2],
        passwordLine: account[4],
        ...(account[3] === 'one-time password' ? { oneTimePassword: account[4] } : {}),
      });
    } else if (secret?.[1] && current) {
      const last = current.accounts.at(-1);
      if (last) last.totpSecret = secret[1];
    }
  }
  return { nodes, consoleLine };
}

type Run = ChildProcessByStdio<null, Readable, Readable>;

/** Starts the run script and resolves with its block once printed (or fails with its output when it exits first). */
async function makeRun(): Promise<{ run: Run; block: string; output: () => string; exited: Promise<number | null> }> {
  const run = spawn(process.execPath, [join(packageRoot(), 'dist', 'scripts', 'run-local.js'), '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const output = (): string => `${stdout}\n--- stderr\n${stderr}`;
  const exited = new Promise<number | null>((resolve) => run.once('exit', (code) => resolve(code)));
  run.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const block = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no block within 120 s:\n${output()}`)), 120_000);
    run.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes(SUMMARY_LAST_LINE)) {
        clearTimeout(timer);
        resolve(stdout);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the run script exited (${code}) before its block:\n${output()}`));
    });
  });
  return { run, block, output, exited };
}

/** Every process whose parent is `pid`: the stack's servers and services, the nodes, the console. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // It exited while the list was read.
    }
  }
  return children;
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

/** Ctrl-C: the script exits 0, every process it started is gone and the nodes' ports are closed. */
async function stopAndCheck(started: Awaited<ReturnType<typeof makeRun>>, urls: string[]): Promise<void> {
  const pid = started.run.pid ?? 0;
  const children = childrenOf(pid);
  // nats-server, Redis, four services, three nodes (and the console, when this build has it).
  expect(children.length).toBeGreaterThanOrEqual(9);
  started.run.kill('SIGINT');
  expect(await started.exited, started.output()).toBe(0);
  expect(children.filter(isRunning)).toEqual([]);
  for (const url of urls) expect(await refused(url), url).toBe(true);
}

async function signIn(
  url: string,
  name: string,
  password: string,
  totp?: string,
): Promise<{ status: number; body: unknown; cookie: string }> {
  const answer = await call(url, 'POST', '/api/v1/session', { json: { name, password, ...(totp ? { totp } : {}) } });
  return { status: answer.status, body: answer.body, cookie: answer.status === 200 ? cookieOf(answer, 'accord_session') : '' };
}

const account = (node: PrintedNode | undefined, role: string): PrintedAccount => {
  const found = node?.accounts.find((a) => a.role === role);
  if (!found) throw new Error(`no ${role} printed for ${node?.agency}`);
  return found;
};

let first: PrintedNode[] = [];

describe('make run', () => {
  test('prints three nodes with demo sign-ins that work, and Ctrl-C stops every process it started', async () => {
    const started = await makeRun();
    const { nodes, consoleLine } = parseBlock(started.block);
    first = nodes;
    expect(nodes.map((n) => n.agency)).toEqual(['it-police', 'ly-coastguard', 'it-prosecutor']);
    expect(new Set(nodes.map((n) => new URL(n.url).host)).size).toBe(3);
    for (const node of nodes) {
      expect(node.reused).toBe(false);
      expect((await call(node.url, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
      const page = await call(node.url, 'GET', '/sign-in');
      expect(page.status).toBe(200);
      expect(page.text).toContain('name="password"');
      expect(node.accounts.map((a) => a.role)).toEqual(expect.arrayContaining(['officer', 'supervisor']));
      for (const a of node.accounts) {
        expect(a.oneTimePassword, `${node.agency} ${a.name}`).toMatch(/^[A-Za-z0-9_-]{20,}$/);
        if (a.role !== 'officer') expect(a.totpSecret, `${node.agency} ${a.name}`).toMatch(/^[A-Z2-7]{32}$/);
      }
    }
    expect(nodes.flatMap((n) => n.accounts).filter((a) => a.role === 'admin')).toHaveLength(1);

    // The officer's one-time password signs in (and must be changed); the ly-coastguard officer changes it.
    const [police, coastguard] = nodes;
    const officer = account(coastguard, 'officer');
    const session = await signIn(coastguard?.url ?? '', officer.name, officer.oneTimePassword ?? '');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ officer: officer.name, role: 'officer', passwordChangeRequired: true });
    const csrf = (session.body as { csrfToken: string }).csrfToken;
    const changed = await call(coastguard?.url ?? '', 'POST', '/api/v1/session/password', {
      cookie: session.cookie,
      csrf,
      json: { newPassword: NEW_PASSWORD },
    });
    expect(changed.status).toBe(204);
    // A supervisor signs in with the printed one-time password and a code from the printed TOTP secret.
    const supervisor = account(police, 'supervisor');
    const code = await generate({ secret: supervisor.totpSecret ?? '' });
    const supervisorSession = await signIn(police?.url ?? '', supervisor.name, supervisor.oneTimePassword ?? '', code);
    expect(supervisorSession.status).toBe(200);
    expect(supervisorSession.body).toMatchObject({ role: 'supervisor', passwordChangeRequired: true });

    // The CLI's inbox keeps working beside the nodes (their consumers are their own).
    const inbox = await runCli('inbox', '--as', 'ly-coastguard', '--dir', join(dir, 'stack'));
    expect(inbox.status, inbox.stderr).toBe(0);

    const consoleUrl = /(http:\/\/\S+?)\/\s/.exec(consoleLine)?.[1];
    if (cliHasVerb(['audit', 'console'])) {
      expect(consoleUrl, consoleLine).toBeDefined();
      expect((await fetch(consoleUrl ?? '')).status).toBeLessThan(500);
    } else expect(consoleLine).toContain('has no `accord audit console`');

    expect(statSync(join(dir, 'demo-sign-ins.json')).mode & 0o777).toBe(0o600);
    await stopAndCheck(started, [...nodes.map((n) => n.url), ...(consoleUrl ? [consoleUrl] : [])]);
  }, 180_000);

  test('run again, it reuses the nodes and shows the same sign-ins, or that the officer chose a password', async () => {
    expect(first).toHaveLength(3);
    const started = await makeRun();
    const { nodes } = parseBlock(started.block);
    expect(nodes.map((n) => [n.agency, n.reused])).toEqual(first.map((n) => [n.agency, true]));
    const [, coastguard] = nodes;
    const changed = account(coastguard, 'officer');
    expect(changed.oneTimePassword).toBeUndefined();
    expect(changed.passwordLine).toMatch(/^your own/);
    expect((await signIn(coastguard?.url ?? '', changed.name, NEW_PASSWORD)).status).toBe(200);
    const unchanged = (n: PrintedNode[]): string[] =>
      n.flatMap((node) =>
        node.accounts.filter((a) => a.name !== changed.name).map((a) => `${a.name} ${a.oneTimePassword} ${a.totpSecret}`),
      );
    expect(unchanged(nodes)).toEqual(unchanged(first));
    await stopAndCheck(
      started,
      nodes.map((n) => n.url),
    );
  }, 180_000);
});
