import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { isAccordError } from '../../libs/errors/index.js';
import { readSignIns, totpSecretOf, writeSignIns, type StoredSignIns } from '../../libs/demo/index.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-sign-ins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SIGN_INS: StoredSignIns = {
  'it-police': {
    'marco.ricci': { role: 'officer', oneTimePassword: 'otp-1' },
    'elena.greco': { role: 'supervisor', oneTimePassword: 'otp-2', totpSecret: 'JBSWY3DP', totpUri: 'otpauth://totp/x?secret=JBSWY3DP' },
  },
};

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return isAccordError(error) ? error.code : String(error);
  }
  return 'no error';
}

describe('the demo sign-ins file', () => {
  test('reads back what was written, and is readable by its owner only', () => {
    const file = join(dir, 'round-trip.json');
    writeSignIns(file, SIGN_INS);
    expect(readSignIns(file)).toEqual(SIGN_INS);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test('none yet is no sign-in', () => {
    expect(readSignIns(join(dir, 'absent.json'))).toEqual({});
  });

  test.each([
    ['not JSON', '{'],
    ['no nodes', '{}'],
    ['an unknown role', '{"nodes":{"it-police":{"a":{"role":"root","oneTimePassword":"x"}}}}'],
    ['no one-time password', '{"nodes":{"it-police":{"a":{"role":"officer"}}}}'],
  ])('%s is refused with E_CONFIG, saying how to start afresh', (_, text) => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, text);
    expect(codeOf(() => readSignIns(file))).toBe('E_CONFIG');
    expect(() => readSignIns(file)).toThrow(/remove the file to start afresh/);
  });

  test("the TOTP secret is the enrolment URI's own", () => {
    expect(totpSecretOf('otpauth://totp/Accord%20it-police:ana?secret=JBSWY3DPEHPK3PXP&issuer=Accord%20it-police')).toBe(
      'JBSWY3DPEHPK3PXP',
    );
    expect(codeOf(() => totpSecretOf('otpauth://totp/Accord:ana?issuer=Accord'))).toBe('E_STATE');
  });
});
