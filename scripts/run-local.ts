/**
 * `make run`: the local stack with the demo agencies (DIR/stack), the nodes of three of
 * them (DIR/nodes/<agency>) with demo sign-ins, and the auditor console when this build's
 * CLI has `accord audit console`. Prints every URL and sign-in in one block, stays in the
 * foreground; Ctrl-C (SIGINT, SIGTERM, SIGHUP) stops the console and the nodes, then the
 * stack. Started again, it reuses DIR: the stack's data, the nodes and their accounts.
 *
 * `--dir DIR`: where all of it lives (default .run).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readStackFile } from '../libs/client/index.js';
import {
  addDemoAgencies,
  cliHasVerb,
  DEMO_CONSOLE_LISTEN,
  DEMO_NODE_PORT,
  DEMO_NODES,
  formatRunSummary,
  freeListen,
  readSignIns,
  setUpDemoNode,
  startCliChild,
  waitUntilAnswering,
  writeSignIns,
  type CliChild,
  type ConsoleSummary,
  type DemoNode,
  type RunningNodeSummary,
  type RunSummary,
} from '../libs/demo/index.js';
import { AccordError, errorMessage, isAccordError } from '../libs/errors/index.js';
import { assertNotRunning, stackDown, stackLayout, stackUp } from '../libs/stack/index.js';

const progress = (line: string): void => void process.stderr.write(`  ${line}\n`);

interface Run {
  dir: string;
  stackDir: string;
  logs: string;
  signInsFile: string;
  /** Started by this run, stopped by it before the stack. */
  children: CliChild[];
  stopRequested: () => boolean;
  /** Set once the stop begins: a child exiting from then on is expected. */
  stopping: boolean;
}

/** Resolves on the first SIGINT, SIGTERM or SIGHUP; later ones only say that it is stopping. */
function stopSignals(): { signal: Promise<NodeJS.Signals>; received: () => boolean } {
  let first: NodeJS.Signals | undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(name, () => {
        if (first) {
          process.stderr.write(`${name}: stopping already (each process has 10 s before it is killed)\n`);
          return;
        }
        first = name;
        resolve(name);
      });
    }
  });
  return { signal, received: () => first !== undefined };
}

async function startStack(run: Run): Promise<void> {
  const stack = await stackUp(run.stackDir, { progress });
  if (Object.keys(stack.agencies).length === 0) await addDemoAgencies(run.stackDir, progress);
}

async function startNode(run: Run, plan: DemoNode, dir: string): Promise<string> {
  const listen = await freeListen(plan.host, DEMO_NODE_PORT);
  const url = `http://${listen.host}:${listen.port}`;
  const child = startCliChild(['node', 'serve', '--dir', dir, '--listen', `${listen.host}:${listen.port}`], nodeLog(run, plan));
  run.children.push(child);
  void child.exited.then((how) => {
    if (!run.stopping) process.stderr.write(`the node of ${plan.agency} exited (${how}); its log: ${child.logFile}\n`);
  });
  try {
    // Ready: its bus connection open and its deliveries being pulled.
    await waitUntilAnswering(child, `${url}/readyz`, (status) => status === 200, 60_000);
  } catch (error) {
    throw new AccordError('E_UNAVAILABLE', `the node of ${plan.agency} did not start: ${errorMessage(error)}`, { cause: error });
  }
  progress(`node of ${plan.agency} ready at ${url}`);
  return url;
}

const nodeLog = (run: Run, plan: DemoNode): string => join(run.logs, `node-${plan.agency}.log`);

/** Each demo node set up (or reused), its accounts made and kept, then served; one at a time, so each takes its own port. */
async function startNodes(run: Run): Promise<RunningNodeSummary[] | undefined> {
  const kept = readSignIns(run.signInsFile);
  const nodes: RunningNodeSummary[] = [];
  for (const plan of DEMO_NODES) {
    const dir = join(run.dir, 'nodes', plan.agency);
    const setUp = await setUpDemoNode(dir, run.stackDir, plan, kept[plan.agency]);
    kept[plan.agency] = setUp.stored;
    writeSignIns(run.signInsFile, kept);
    progress(`node of ${plan.agency} ${setUp.created ? 'set up' : 'reused'} in ${dir}`);
    if (run.stopRequested()) return undefined;
    const url = await startNode(run, plan, dir);
    nodes.push({ agency: plan.agency, url, dir, log: nodeLog(run, plan), created: setUp.created, signIns: setUp.signIns });
    if (run.stopRequested()) return undefined;
  }
  return nodes;
}

/** Only when this build's CLI has the verb (another branch brings it); one that fails to start is reported, not fatal. */
async function startAuditConsole(run: Run): Promise<ConsoleSummary> {
  if (!cliHasVerb(['audit', 'console'])) return { state: 'absent' };
  const listen = await freeListen(DEMO_CONSOLE_LISTEN.host, DEMO_CONSOLE_LISTEN.port);
  const url = `http://${listen.host}:${listen.port}`;
  const log = join(run.logs, 'audit-console.log');
  const child = startCliChild(['audit', 'console', '--dir', run.stackDir, '--listen', `${listen.host}:${listen.port}`], log);
  run.children.push(child);
  try {
    await waitUntilAnswering(child, `${url}/`, (status) => status < 500, 60_000);
  } catch (error) {
    await child.stop();
    return { state: 'failed', reason: errorMessage(error).split('\n')[0] ?? '', log };
  }
  progress(`auditor console ready at ${url}`);
  return { state: 'running', url, log };
}

async function start(run: Run): Promise<RunSummary | undefined> {
  await startStack(run);
  if (run.stopRequested()) return undefined;
  const nodes = await startNodes(run);
  if (!nodes) return undefined;
  const auditConsole = await startAuditConsole(run);
  return {
    stackDir: run.stackDir,
    natsUrl: readStackFile(run.stackDir).natsUrl,
    stackLogs: stackLayout(run.stackDir).logs,
    console: auditConsole,
    nodes,
    signInsFile: run.signInsFile,
  };
}

async function stop(run: Run): Promise<void> {
  run.stopping = true;
  process.stderr.write('stopping the auditor console, the nodes and the stack\n');
  await Promise.all(run.children.map((child) => child.stop()));
  // A start-up that failed before it recorded any process of the stack has none to stop.
  await stackDown(run.stackDir, progress).catch((error: unknown) => {
    if (!isAccordError(error) || error.code !== 'E_NOT_FOUND') throw error;
  });
  process.stderr.write('stopped\n');
}

const USAGE = 'usage: node dist/scripts/run-local.js [--dir DIR]   (default .run)\n';

function parseDir(): string {
  let values;
  try {
    ({ values } = parseArgs({ options: { dir: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  return resolve(values.dir ?? '.run');
}

async function main(): Promise<number> {
  const dir = parseDir();
  const stackDir = join(dir, 'stack');
  // Checked before anything is started: a second `make run` must not stop the first's stack.
  assertNotRunning(stackDir);
  const logs = join(dir, 'logs');
  mkdirSync(logs, { recursive: true, mode: 0o700 });
  const signals = stopSignals();
  const run: Run = {
    dir,
    stackDir,
    logs,
    signInsFile: join(dir, 'demo-sign-ins.json'),
    children: [],
    stopRequested: signals.received,
    stopping: false,
  };
  // Should this process die without stopping them, its nodes and console die with it.
  process.on('exit', () => {
    for (const child of run.children) if (child.running()) process.kill(child.pid, 'SIGKILL');
  });
  let code = 0;
  try {
    const summary = await start(run);
    if (summary) {
      process.stdout.write(`\n${formatRunSummary(summary, process.cwd())}`);
      // Signal handlers alone do not keep Node's event loop alive; the interval does.
      const keepAlive = setInterval(() => undefined, 60_000);
      await signals.signal;
      clearInterval(keepAlive);
    }
  } catch (error) {
    process.stderr.write(`make run: ${isAccordError(error) ? `${error.code}: ` : ''}${errorMessage(error)}\n`);
    code = 1;
  } finally {
    await stop(run);
  }
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`make run: ${isAccordError(error) ? `${error.code}: ` : ''}${errorMessage(error)}\n`);
    process.exitCode = 1;
  },
);
