import { readFileSync } from 'node:fs';
import { verify } from '@node-rs/argon2';
import { describe, expect, test } from 'vitest';
import { assertOfficerName } from '../../../libs/node/index.js';
import { AGENCY, newAccounts, T0 } from './accounts-fixture.js';

const passwordHashOf = (accounts: ReturnType<typeof newAccounts>, name: string): string =>
  accounts.db.prepare<[string], { password_hash: string }>('SELECT password_hash FROM officers WHERE name = ?').get(name)?.password_hash ??
  '';

describe('officer accounts', () => {
  test('a password is stored as an Argon2id hash (OWASP parameters) that verifies', async () => {
    const accounts = newAccounts();
    const { oneTimePassword } = await accounts.officers.add('ana.lopez', 'officer', T0);
    const stored = passwordHashOf(accounts, 'ana.lopez');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verify(stored, oneTimePassword)).toBe(true);
    expect(await verify(stored, `${oneTimePassword}x`)).toBe(false);
  });

  test('a new officer gets a random one-time password of at least 20 base64url characters', async () => {
    const accounts = newAccounts();
    const first = await accounts.officers.add('ana.lopez', 'officer', T0);
    const second = await accounts.officers.add('ben.meyer', 'officer', T0);
    expect(first.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(first.oneTimePassword).not.toBe(second.oneTimePassword);
    expect(first.officer).toEqual({
      name: 'ana.lopez',
      role: 'officer',
      createdAt: T0.toISOString(),
      disabled: false,
      passwordChangeRequired: true,
      totpEnrolled: false,
    });
    expect(first.totpUri).toBeUndefined();
  });

  test('a supervisor gets a TOTP enrolment URI; the secret is stored sealed, not in clear', async () => {
    const accounts = newAccounts();
    const added = await accounts.officers.add('chief', 'supervisor', T0);
    const uri = new URL(added.totpUri ?? '');
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('issuer')).toBe(`Accord ${AGENCY}`);
    expect(added.officer.totpEnrolled).toBe(true);
    const secret = uri.searchParams.get('secret') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    accounts.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(accounts.dbFile).includes(secret)).toBe(false);
    const { totp_sealed: sealed } = accounts.db
      .prepare<[], { totp_sealed: Buffer }>("SELECT totp_sealed FROM officers WHERE name = 'chief'")
      .get() ?? { totp_sealed: Buffer.alloc(0) };
    expect(accounts.cipher.open(sealed, 'totp:chief').toString('utf8')).toBe(secret);
    expect(() => accounts.cipher.open(sealed, 'totp:other')).toThrow(expect.objectContaining({ code: 'E_STATE' }));
  });

  test('adding an officer that exists is E_EXISTS', async () => {
    const accounts = newAccounts();
    await accounts.officers.add('ana.lopez', 'officer', T0);
    await expect(accounts.officers.add('ana.lopez', 'admin', T0)).rejects.toMatchObject({ code: 'E_EXISTS' });
  });

  test('a name outside the rule is E_USAGE naming the rule', async () => {
    const accounts = newAccounts();
    for (const bad of ['', 'Ana', '-ana', 'ana lopez', 'a'.repeat(65), 'ana\n']) {
      expect(() => assertOfficerName(bad)).toThrow(
        expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('a-z0-9') }),
      );
      await expect(accounts.officers.add(bad, 'officer', T0)).rejects.toMatchObject({ code: 'E_USAGE' });
    }
    expect(() => assertOfficerName('a'.repeat(64))).not.toThrow();
    expect(() => assertOfficerName('0.ana_l-m')).not.toThrow();
  });

  test('a new password must have 12 to 256 characters; setting one clears passwordChangeRequired', async () => {
    const accounts = newAccounts();
    await accounts.officers.add('ana.lopez', 'officer', T0);
    await expect(accounts.officers.setPassword('ana.lopez', 'elevenchars')).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(accounts.officers.setPassword('ana.lopez', 'x'.repeat(257))).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(accounts.officers.setPassword('nobody', 'correct horse battery')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(accounts.officers.get('ana.lopez')?.passwordChangeRequired).toBe(true);
    await accounts.officers.setPassword('ana.lopez', 'twelve chars');
    expect(accounts.officers.get('ana.lopez')?.passwordChangeRequired).toBe(false);
  });

  test('disabling an unknown officer is E_NOT_FOUND; a disabled officer is listed as disabled', async () => {
    const accounts = newAccounts();
    await accounts.officers.add('ben.meyer', 'officer', T0);
    await accounts.officers.add('ana.lopez', 'admin', T0);
    expect(() => accounts.officers.disable('nobody', T0)).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
    accounts.officers.disable('ben.meyer', T0);
    expect(accounts.officers.list().map((o) => [o.name, o.disabled])).toEqual([
      ['ana.lopez', false],
      ['ben.meyer', true],
    ]);
  });
});
