import { isAbsolute, relative } from 'node:path';
import type { DemoSignIn, PasswordState } from './set-up-demo-node.js';

export interface RunningNodeSummary {
  agency: string;
  url: string;
  dir: string;
  log: string;
  /** Set up by this run, or reused from an earlier one. */
  created: boolean;
  signIns: DemoSignIn[];
}

export type ConsoleSummary =
  | { state: 'running'; url: string; log: string }
  /** This build's CLI has no `accord audit console`. */
  | { state: 'absent' }
  | { state: 'failed'; reason: string; log: string };

export interface RunSummary {
  stackDir: string;
  natsUrl: string;
  stackLogs: string;
  console: ConsoleSummary;
  nodes: RunningNodeSummary[];
  signInsFile: string;
}

export const SUMMARY_FIRST_LINE = '== Accord is running ==';
export const SUMMARY_LAST_LINE = '== Ctrl-C stops all of it: the console, the nodes, then the stack ==';

const NAME_WIDTH = 16;
const ROLE_WIDTH = 12;
const LABEL_WIDTH = 19;
const HEAD_WIDTH = 17;

function passwordLine(password: PasswordState, nodeDir: string): [string, string] {
  switch (password.kind) {
    case 'one-time':
      return ['one-time password', password.oneTimePassword];
    case 'changed':
      return ['password', 'your own (the one-time password was changed at the first sign-in)'];
    case 'not-kept':
      return ['password', `not kept (the sign-ins file was removed): remove ${nodeDir} to set the node up afresh`];
    case 'disabled':
      return ['password', 'none: the account is disabled'];
  }
}

function accountLines(signIn: DemoSignIn, nodeDir: string): string[] {
  const indent = ' '.repeat(2 + NAME_WIDTH + ROLE_WIDTH);
  const [label, value] = passwordLine(signIn.password, nodeDir);
  const lines = [`  ${signIn.name.padEnd(NAME_WIDTH)}${signIn.role.padEnd(ROLE_WIDTH)}${label.padEnd(LABEL_WIDTH)}${value}`];
  if (signIn.totpSecret !== undefined) lines.push(`${indent}${'TOTP secret'.padEnd(LABEL_WIDTH)}${signIn.totpSecret}`);
  if (signIn.totpUri !== undefined) lines.push(`${indent}${'TOTP URI'.padEnd(LABEL_WIDTH)}${signIn.totpUri}`);
  if (signIn.role !== 'officer' && signIn.totpSecret === undefined && signIn.password.kind !== 'disabled') {
    lines.push(`${indent}${'TOTP secret'.padEnd(LABEL_WIDTH)}not kept`);
  }
  return lines;
}

function consoleLines(auditor: ConsoleSummary, show: (path: string) => string): string[] {
  const head = 'auditor console'.padEnd(HEAD_WIDTH);
  switch (auditor.state) {
    case 'running':
      return [`${head}${auditor.url}/   (log ${show(auditor.log)})`];
    case 'absent':
      return [`${head}not started: this build's CLI has no \`accord audit console\``];
    case 'failed':
      return [`${head}did not start: ${auditor.reason} (log ${show(auditor.log)})`];
  }
}

/**
 * The block `make run` prints once everything runs: each URL, and each demo sign-in with
 * what it takes (a one-time password, a TOTP code). Paths under `cwd` are shown relative.
 */
export function formatRunSummary(summary: RunSummary, cwd: string): string {
  const show = (path: string): string => {
    const inside = relative(cwd, path);
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
  };
  const stack = show(summary.stackDir);
  const lines = [
    SUMMARY_FIRST_LINE,
    '',
    `${'stack'.padEnd(HEAD_WIDTH)}${stack}   (NATS ${summary.natsUrl}; logs in ${show(summary.stackLogs)}/)`,
    `${''.padEnd(HEAD_WIDTH)}the CLI works as ever, beside the nodes: npx accord inbox --as ly-coastguard --dir ${stack}`,
    ...consoleLines(summary.console, show),
  ];
  for (const node of summary.nodes) {
    lines.push(
      '',
      `${node.agency.padEnd(HEAD_WIDTH)}${node.url}/   (node ${show(node.dir)}, ${node.created ? 'set up now' : 'reused'}; log ${show(node.log)})`,
    );
    for (const signIn of node.signIns) lines.push(...accountLines(signIn, show(node.dir)));
  }
  lines.push(
    '',
    "Sign in at a node's URL. A one-time password is good for one sign-in, at which you choose a",
    'password of your own (12 characters or more); signed in with it but gone before choosing one,',
    'the account needs a fresh start: `npx accord node officer reset NAME --dir NODE_DIR` prints a new one.',
    'Supervisors and admins also give a 6-digit TOTP code: add the TOTP URI to an authenticator app,',
    'or run `oathtool --totp -b SECRET` (Debian: apt install oathtool).',
    `These sign-ins are kept in ${show(summary.signInsFile)} (mode 0600) and shown again at the next run.`,
    '',
    SUMMARY_LAST_LINE,
  );
  return `${lines.join('\n')}\n`;
}
