import { describe, expect, test } from 'vitest';
import { LoginGuard, type LoginGuardSettings } from '../../../libs/node/index.js';
import { later, newAccounts, T0, totpCode } from './accounts-fixture.js';

const PASSWORD = 'correct horse battery staple';
const CLIENT = '192.0.2.10';

function guardOf(accounts: ReturnType<typeof newAccounts>, settings: Partial<LoginGuardSettings> = {}): LoginGuard {
  return new LoginGuard(accounts.db, accounts.officers, accounts.cipher, settings);
}

/** An officer past their first login, with PASSWORD as their own. */
async function officerWithPassword(accounts: ReturnType<typeof newAccounts>, name: string): Promise<void> {
  await accounts.officers.add(name, 'officer', T0);
  await accounts.officers.setPassword(name, PASSWORD);
}

describe('logins', () => {
  test('the one-time password logs in once, asking for a change; then only the new password does', async () => {
    const accounts = newAccounts();
    const guard = guardOf(accounts);
    const { oneTimePassword } = await accounts.officers.add('ana.lopez', 'officer', T0);
    const first = await guard.attempt({ name: 'ana.lopez', password: oneTimePassword, client: CLIENT }, T0);
    expect(first).toMatchObject({ ok: true, officer: { name: 'ana.lopez', passwordChangeRequired: true } });
    const again = await guard.attempt({ name: 'ana.lopez', password: oneTimePassword, client: CLIENT }, later(1000));
    expect(again.ok).toBe(false);
    await accounts.officers.setPassword('ana.lopez', PASSWORD);
    expect((await guard.attempt({ name: 'ana.lopez', password: oneTimePassword, client: CLIENT }, later(2000))).ok).toBe(false);
    const own = await guard.attempt({ name: 'ana.lopez', password: PASSWORD, client: CLIENT }, later(3000));
    expect(own).toMatchObject({ ok: true, officer: { passwordChangeRequired: false } });
  });

  test('a reset gives a fresh start: a new one-time password and TOTP secret, the old ones refused, a disabled account enabled', async () => {
    const accounts = newAccounts();
    const guard = guardOf(accounts);
    const added = await accounts.officers.add('chief', 'supervisor', T0);
    // The one-time password spent on a sign-in, and the officer gone before choosing a password.
    const spent = await guard.attempt(
      { name: 'chief', password: added.oneTimePassword, totp: await totpCode(added.totpUri, T0), client: CLIENT },
      T0,
    );
    expect(spent.ok).toBe(true);
    accounts.officers.disable('chief', later(1000));
    const reset = await accounts.officers.reset('chief');
    expect(reset.officer).toMatchObject({ disabled: false, passwordChangeRequired: true });
    expect(reset.totpUri).not.toBe(added.totpUri);
    const at = later(60_000);
    const oldOnes = { name: 'chief', password: added.oneTimePassword, totp: await totpCode(added.totpUri, at), client: CLIENT };
    expect((await guard.attempt(oldOnes, at)).ok).toBe(false);
    const fresh = { name: 'chief', password: reset.oneTimePassword, totp: await totpCode(reset.totpUri, at), client: CLIENT };
    expect(await guard.attempt(fresh, at)).toMatchObject({ ok: true, officer: { passwordChangeRequired: true } });
  });

  test('a reset of an officer the node does not have is E_NOT_FOUND', async () => {
    await expect(newAccounts().officers.reset('nobody')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });

  test('a supervisor needs a TOTP code as well as the password', async () => {
    const accounts = newAccounts();
    const guard = guardOf(accounts);
    const { totpUri } = await accounts.officers.add('chief', 'supervisor', T0);
    await accounts.officers.setPassword('chief', PASSWORD);
    expect((await guard.attempt({ name: 'chief', password: PASSWORD, client: CLIENT }, T0)).ok).toBe(false);
    expect((await guard.attempt({ name: 'chief', password: PASSWORD, totp: '000000', client: CLIENT }, T0)).ok).toBe(false);
    const code = await totpCode(totpUri, T0);
    expect((await guard.attempt({ name: 'chief', password: 'wrong password!', totp: code, client: CLIENT }, T0)).ok).toBe(false);
    const result = await guard.attempt({ name: 'chief', password: PASSWORD, totp: code, client: CLIENT }, T0);
    expect(result).toMatchObject({ ok: true, officer: { name: 'chief', role: 'supervisor' } });
  });

  test('a TOTP code is accepted one step either side of now, not two', async () => {
    const accounts = newAccounts();
    const guard = guardOf(accounts);
    const { totpUri } = await accounts.officers.add('chief', 'admin', T0);
    await accounts.officers.setPassword('chief', PASSWORD);
    const tooOld = await totpCode(totpUri, later(-60_000));
    expect((await guard.attempt({ name: 'chief', password: PASSWORD, totp: tooOld, client: CLIENT }, T0)).ok).toBe(false);
    const previous = await totpCode(totpUri, later(-30_000));
    expect((await guard.attempt({ name: 'chief', password: PASSWORD, totp: previous, client: CLIENT }, T0)).ok).toBe(true);
  });

  test('a TOTP code whose step was used is refused, even within its window', async () => {
    const accounts = newAccounts();
    const guard = guardOf(accounts);
    const { totpUri } = await accounts.officers.add('chief', 'supervisor', T0);
    await accounts.officers.setPassword('chief', PASSWORD);
    const code = await totpCode(totpUri, T0);
    expect((await guard.attempt({ name: 'chief', password: PASSWORD, totp: code, client: CLIENT }, T0)).ok).toBe(true);
    expect((await guard.attempt({ name: 'chief', password: PASSWORD, totp: code, client: CLIENT }, later(5_000))).ok).toBe(false);
    const earlier = await totpCode(totpUri, later(-30_000));
    expect((await guard.attempt({ name: 'chief', password: PASSWORD, totp: earlier, client: CLIENT }, later(5_000))).ok).toBe(false);
    const next = await totpCode(totpUri, later(30_000));
    expect((await guard.attempt({ name: 'chief', password: PASSWORD, totp: next, client: CLIENT }, later(30_000))).ok).toBe(true);
  });

  test('after maxFailures consecutive failures the account is locked: the right password fails too', async () => {
    const accounts = newAccounts();
    const guard = guardOf(accounts, { maxFailures: 3, lockMs: 60_000 });
    await officerWithPassword(accounts, 'ana.lopez');
    for (let i = 0; i < 3; i += 1) await guard.attempt({ name: 'ana.lopez', password: 'not the password', client: CLIENT }, later(i));
    const locked = await guard.attempt({ name: 'ana.lopez', password: PASSWORD, client: CLIENT }, later(59_000));
    expect(locked.ok).toBe(false);
  });

  test('a locked account unlocks after lockMs', async () => {
    const accounts = newAccounts();
    const guard = guardOf(accounts, { maxFailures: 3, lockMs: 60_000 });
    await officerWithPassword(accounts, 'ana.lopez');
    for (let i = 0; i < 3; i += 1) await guard.attempt({ name: 'ana.lopez', password: 'not the password', client: CLIENT }, T0);
    const unlocked = await guard.attempt({ name: 'ana.lopez', password: PASSWORD, client: CLIENT }, later(60_001));
    expect(unlocked.ok).toBe(true);
  });

  test('a success resets the count of consecutive failures', async () => {
    const accounts = newAccounts();
    const guard = guardOf(accounts, { maxFailures: 3, lockMs: 60_000 });
    await officerWithPassword(accounts, 'ana.lopez');
    const wrong = { name: 'ana.lopez', password: 'not the password', client: CLIENT };
    await guard.attempt(wrong, T0);
    await guard.attempt(wrong, T0);
    expect((await guard.attempt({ ...wrong, password: PASSWORD }, T0)).ok).toBe(true);
    await guard.attempt(wrong, T0);
    await guard.attempt(wrong, T0);
    expect((await guard.attempt({ ...wrong, password: PASSWORD }, T0)).ok).toBe(true);
  });

  test('unknown name, wrong password, wrong or missing TOTP, disabled and locked accounts get the same refusal', async () => {
    const accounts = newAccounts();
    const guard = guardOf(accounts, { maxFailures: 4, throttleAfter: 0 });
    await officerWithPassword(accounts, 'ana.lopez');
    await officerWithPassword(accounts, 'gone');
    accounts.officers.disable('gone', T0);
    await officerWithPassword(accounts, 'locked');
    for (let i = 0; i < 4; i += 1) await guard.attempt({ name: 'locked', password: 'not the password', client: `198.51.100.${i}` }, T0);
    const { totpUri } = await accounts.officers.add('chief', 'supervisor', T0);
    await accounts.officers.setPassword('chief', PASSWORD);
    const code = await totpCode(totpUri, T0);
    const cases = [
      { name: 'nobody', password: PASSWORD },
      { name: 'NOT A NAME', password: PASSWORD },
      { name: 'ana.lopez', password: 'not the password' },
      { name: 'ana.lopez', password: 'x'.repeat(10_000) },
      { name: 'gone', password: PASSWORD },
      { name: 'locked', password: PASSWORD },
      { name: 'chief', password: PASSWORD },
      { name: 'chief', password: PASSWORD, totp: '12345x' },
      { name: 'chief', password: 'not the password', totp: code },
    ];
    // Each from a client of its own, so that each meets the same client state (no failure yet).
    const results = await Promise.all(cases.map((c, i) => guard.attempt({ ...c, client: `203.0.113.${i}` }, T0)));
    for (const result of results) expect(result).toStrictEqual({ ok: false, delayMs: 100 });
    // The control: the same guard lets the right credentials in.
    expect((await guard.attempt({ name: 'ana.lopez', password: PASSWORD, client: '203.0.113.99' }, T0)).ok).toBe(true);
    expect((await guard.attempt({ name: 'chief', password: PASSWORD, totp: code, client: '203.0.113.99' }, T0)).ok).toBe(true);
  });

  test("a client's failures beyond throttleAfter get a delay that doubles up to maxDelayMs", async () => {
    const accounts = newAccounts();
    const guard = guardOf(accounts, { throttleAfter: 2, maxDelayMs: 1_000, maxFailures: 100 });
    const delays: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const result = await guard.attempt({ name: 'nobody', password: PASSWORD, client: CLIENT }, later(i));
      if (!result.ok) delays.push(result.delayMs);
    }
    expect(delays).toEqual([0, 0, 100, 200, 400, 800, 1_000, 1_000]);
    const other = await guard.attempt({ name: 'nobody', password: PASSWORD, client: '192.0.2.99' }, later(9));
    expect(other).toStrictEqual({ ok: false, delayMs: 0 });
    expect(guard.counts).toEqual({ succeeded: 0, failed: 9, throttled: 6 });
  });

  test("a success from a client resets that client's delay", async () => {
    const accounts = newAccounts();
    const guard = guardOf(accounts, { throttleAfter: 1, maxFailures: 100 });
    await officerWithPassword(accounts, 'ana.lopez');
    const wrong = { name: 'ana.lopez', password: 'not the password', client: CLIENT };
    await guard.attempt(wrong, T0);
    expect(await guard.attempt(wrong, T0)).toStrictEqual({ ok: false, delayMs: 100 });
    expect((await guard.attempt({ ...wrong, password: PASSWORD }, T0)).ok).toBe(true);
    expect(await guard.attempt(wrong, T0)).toStrictEqual({ ok: false, delayMs: 0 });
    expect(guard.counts).toEqual({ succeeded: 1, failed: 3, throttled: 1 });
  });

  test('login settings out of range are E_CONFIG naming the setting', () => {
    const accounts = newAccounts();
    expect(() => guardOf(accounts, { maxFailures: 0 })).toThrow(expect.objectContaining({ code: 'E_CONFIG', path: 'maxFailures' }));
    expect(() => guardOf(accounts, { lockMs: 1.5 })).toThrow(expect.objectContaining({ code: 'E_CONFIG', path: 'lockMs' }));
  });
});
