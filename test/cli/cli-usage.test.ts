import { describe, expect, test } from 'vitest';
import { runCliSync as accord } from '../harness/run-cli.js';

const VERBS = [
  ['stack', 'up'],
  ['stack', 'down'],
  ['keys', 'generate'],
  ['agency', 'add'],
  ['agency', 'rotate-key'],
  ['agency', 'revoke-key'],
  ['agency', 'rotate-creds'],
  ['agency', 'node-access'],
  ['agency', 'remove'],
  ['node', 'init'],
  ['policy', 'check'],
  ['policy', 'apply'],
  ['policy', 'explain'],
  ['publish'],
  ['reply'],
  ['update'],
  ['withdraw'],
  ['widen', 'request'],
  ['widen', 'list'],
  ['widen', 'release'],
  ['widen', 'refuse'],
  ['inbox'],
  ['receipt'],
  ['track'],
  ['quarantine', 'list'],
  ['audit', 'replay'],
  ['audit', 'export'],
  ['audit', 'verify-bundle'],
  ['audit', 'proof'],
  ['audit', 'console'],
];

describe('the accord CLI', () => {
  test('every verb has --help', () => {
    for (const verb of VERBS) {
      const run = accord(...verb, '--help');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`accord ${verb.join(' ')}`);
    }
  });

  test('an unknown verb exits 2 with one line', () => {
    const run = accord('frobnicate');
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('an unknown option exits 2 and points to --help', () => {
    const run = accord('audit', 'replay', '--dir', '/tmp', '--colour');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--help');
  });

  test('a missing required option exits 2 naming it', () => {
    const run = accord('publish', 'notice.json');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--as');
  });

  test('inbox --help describes reading through a node, and what is verified there', () => {
    const run = accord('inbox', '--help');
    expect(run.status).toBe(0);
    for (const option of ['--node URL', '--token TOKEN', '--ca FILE', '--bus-public-key FILE', '--receipt']) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain("agencies' own signatures are not checked here");
  });

  test('inbox: the options of one mode in the other are usage errors naming them', () => {
    const withoutNode = accord('inbox', '--as', 'ly-coastguard', '--dir', '/tmp', '--token', 'acn_x');
    expect(withoutNode.status).toBe(2);
    expect(withoutNode.stderr).toContain('--token: only with --node URL');
    const withoutToken = accord('inbox', '--node', 'http://127.0.0.1:8470');
    expect(withoutToken.status).toBe(2);
    expect(withoutToken.stderr).toContain('--token is required');
    const natsOption = accord('inbox', '--node', 'http://127.0.0.1:8470', '--token', 'acn_x', '--follow');
    expect(natsOption.status).toBe(2);
    expect(natsOption.stderr).toContain('--follow: for reading through NATS');
    const clear = accord('inbox', '--node', 'http://node.example.org', '--token', 'acn_x');
    expect(clear.status).toBe(2);
    expect(clear.stderr).toContain('would send the token in clear');
  });

  test('audit console refuses an address that is not loopback: exit 2, saying TLS and sign-in are not offered yet', () => {
    for (const listen of ['0.0.0.0:8480', '192.0.2.10:8480', '[::]:8480', 'console.example.org:8480']) {
      const run = accord('audit', 'console', '--dir', '/tmp', '--listen', listen);
      expect(run.status, listen).toBe(2);
      expect(run.stderr.trim().split('\n'), listen).toHaveLength(1);
      expect(run.stderr, listen).toContain('loopback address only');
      expect(run.stderr, listen).toContain('TLS and sign-in');
    }
  });

  test('a folder without a stack exits 1 saying how to start one', () => {
    const run = accord('audit', 'replay', '--dir', '/nonexistent/accord');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('accord stack up');
  });
});
