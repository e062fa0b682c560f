import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { parseScopes, TokenStore } from '../../../libs/node/index.js';
import { later, newAccounts, T0 } from './accounts-fixture.js';

describe('API tokens', () => {
  test('a token is acn_ and 32 random bytes; the database holds only its SHA-256', () => {
    const accounts = newAccounts();
    const tokens = new TokenStore(accounts.db);
    const { token, info } = tokens.create('case-system', ['read', 'receipt'], T0);
    expect(token).toMatch(/^acn_[A-Za-z0-9_-]{43}$/);
    expect(info).toEqual({ name: 'case-system', scopes: ['read', 'receipt'], createdAt: T0.toISOString(), revoked: false });
    accounts.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(accounts.dbFile);
    expect(bytes.includes(token)).toBe(false);
    expect(bytes.includes(token.slice(4))).toBe(false);
    expect(bytes.includes(createHash('sha256').update(token).digest('hex'))).toBe(true);
  });

  test('a token resolves to its record without writing; a served request records its last use', () => {
    const accounts = newAccounts();
    const tokens = new TokenStore(accounts.db);
    const { token } = tokens.create('case-system', ['publish'], T0);
    expect(tokens.resolve(token)).toEqual({ name: 'case-system', scopes: ['publish'], createdAt: T0.toISOString(), revoked: false });
    expect(tokens.list()[0]?.lastUsedAt).toBeUndefined();
    tokens.touch('case-system', later(5000));
    expect(tokens.list()[0]?.lastUsedAt).toBe(later(5000).toISOString());
    expect(tokens.counts).toEqual({ used: 1, refused: 0 });
  });

  test('a revoked token is refused; an unknown one too', () => {
    const accounts = newAccounts();
    const tokens = new TokenStore(accounts.db);
    const { token } = tokens.create('case-system', ['read'], T0);
    tokens.revoke('case-system', later(1000));
    expect(tokens.resolve(token)).toBeUndefined();
    expect(tokens.resolve(`acn_${'A'.repeat(43)}`)).toBeUndefined();
    expect(tokens.resolve('')).toBeUndefined();
    expect(tokens.list()).toMatchObject([{ name: 'case-system', revoked: true }]);
    expect(tokens.counts).toEqual({ used: 0, refused: 3 });
  });

  test('revoking an unknown token is E_NOT_FOUND; creating one under a taken name is E_EXISTS', () => {
    const accounts = newAccounts();
    const tokens = new TokenStore(accounts.db);
    expect(() => tokens.revoke('case-system', T0)).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
    tokens.create('case-system', ['read'], T0);
    tokens.revoke('case-system', T0);
    expect(() => tokens.create('case-system', ['read'], T0)).toThrow(expect.objectContaining({ code: 'E_EXISTS' }));
    expect(() => tokens.create('Case System', ['read'], T0)).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });

  test('scopes are parsed from a comma list', () => {
    expect(parseScopes('read,publish')).toEqual(['read', 'publish']);
    expect(parseScopes(' receipt , read ')).toEqual(['receipt', 'read']);
  });

  test('an unknown, empty or repeated scope is E_USAGE naming it', () => {
    expect(() => parseScopes('read,admin')).toThrow(
      expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('"admin"') }),
    );
    expect(() => parseScopes('read,read')).toThrow(
      expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('"read" is given twice') }),
    );
    expect(() => parseScopes('read,,publish')).toThrow(
      expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('""') }),
    );
    expect(() => parseScopes('')).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('no scope') }));
    expect(() => new TokenStore(newAccounts().db).create('x', [], T0)).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });
});
