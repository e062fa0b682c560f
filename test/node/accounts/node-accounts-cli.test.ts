import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { nodeLayout, OfficerStore, openNode, TokenStore, writeNodeConfig } from '../../../libs/node/index.js';
import { runCliSync as accord } from '../../harness/run-cli.js';

/** A node folder with just what openNode reads: node.json, the view key and the session secret. */
function nodeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-node-cli-'));
  const layout = nodeLayout(dir);
  mkdirSync(layout.secrets, { mode: 0o700 });
  writeNodeConfig(layout.config, {
    agency: 'fr-police',
    natsUrl: 'nats://127.0.0.1:4222',
    credentials: layout.credentials,
    signingKey: layout.signingKey,
    busPublicKey: layout.busPublicKey,
    retentionDays: 365,
  });
  writeFileSync(layout.viewKey, randomBytes(32), { mode: 0o600 });
  writeFileSync(layout.sessionSecret, randomBytes(32), { mode: 0o600 });
  return dir;
}

function inNode<T>(dir: string, read: (node: ReturnType<typeof openNode>) => T): T {
  const node = openNode(dir);
  try {
    return read(node);
  } finally {
    node.close();
  }
}

const dir = nodeDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('accord node officer and token', () => {
  test('every node account verb has --help with an example', () => {
    for (const verb of [
      ['officer', 'add'],
      ['officer', 'disable'],
      ['token', 'create'],
      ['token', 'revoke'],
    ]) {
      const run = accord('node', ...verb, '--help');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`accord node ${verb.join(' ')}`);
      expect(run.stdout).toContain('Example:');
    }
  });

  test('officer add prints the one-time password and the TOTP URI once, and says to change the password', () => {
    const run = accord('node', 'officer', 'add', 'chief', '--role', 'supervisor', '--dir', dir);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const password = /^one-time password: ([A-Za-z0-9_-]{20,})$/m.exec(run.stdout)?.[1] ?? '';
    expect(password).not.toBe('');
    expect(run.stdout).toMatch(/otpauth:\/\/totp\/\S+secret=[A-Z2-7]+/);
    expect(run.stdout).toMatch(/must change the password at first login/);
    const officer = inNode(dir, (node) => new OfficerStore(node.db, node.cipher, node.config.agency).get('chief'));
    expect(officer).toMatchObject({ role: 'supervisor', passwordChangeRequired: true, totpEnrolled: true });
  });

  test('officer add of an existing name exits 1 with E_EXISTS; a bad role exits 2', () => {
    expect(accord('node', 'officer', 'add', 'dup', '--role', 'officer', '--dir', dir).status).toBe(0);
    const again = accord('node', 'officer', 'add', 'dup', '--role', 'officer', '--dir', dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('E_EXISTS');
    const badRole = accord('node', 'officer', 'add', 'someone', '--role', 'chief', '--dir', dir);
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain('--role chief');
  });

  test('officer disable disables the account; an unknown name exits 1 with E_NOT_FOUND', () => {
    expect(accord('node', 'officer', 'add', 'leaver', '--role', 'officer', '--dir', dir).status).toBe(0);
    const run = accord('node', 'officer', 'disable', 'leaver', '--dir', dir);
    expect(run.status).toBe(0);
    expect(inNode(dir, (node) => new OfficerStore(node.db, node.cipher, node.config.agency).get('leaver')?.disabled)).toBe(true);
    const unknown = accord('node', 'officer', 'disable', 'nobody', '--dir', dir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('E_NOT_FOUND');
  });

  test('token create prints the token once, which then resolves; token revoke refuses it', () => {
    const run = accord('node', 'token', 'create', '--name', 'case-system', '--scope', 'read,receipt', '--dir', dir);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain('only its SHA-256 hash');
    const token = /^(acn_[A-Za-z0-9_-]{43})$/m.exec(run.stdout)?.[1] ?? '';
    expect(inNode(dir, (node) => new TokenStore(node.db).resolve(token)?.scopes)).toEqual(['read', 'receipt']);
    expect(accord('node', 'token', 'revoke', 'case-system', '--dir', dir).status).toBe(0);
    expect(inNode(dir, (node) => new TokenStore(node.db).resolve(token))).toBeUndefined();
  });

  test('token create with an unknown scope exits 2 naming it', () => {
    const run = accord('node', 'token', 'create', '--name', 'other', '--scope', 'read,admin', '--dir', dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"admin"');
  });

  test('a folder without a node exits 1 saying how to set one up', () => {
    const run = accord('node', 'token', 'revoke', 'x', '--dir', join(dir, 'missing'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('accord node init');
  });
});
