import { describe, expect, test } from 'vitest';
import { formatRunSummary, SUMMARY_FIRST_LINE, SUMMARY_LAST_LINE, type RunSummary } from '../../libs/demo/index.js';

const CWD = '/home/me/accord';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function summary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    stackDir: `${CWD}/.run/stack`,
    natsUrl: 'tls://127.0.0.1:4222',
    stackLogs: `${CWD}/.run/stack/logs`,
    console: { state: 'running', url: 'http://127.0.0.1:8480', log: `${CWD}/.run/logs/audit-console.log` },
    signInsFile: `${CWD}/.run/demo-sign-ins.json`,
    nodes: [
      {
        agency: 'it-police',
        url: 'http://127.0.0.2:8470',
        dir: `${CWD}/.run/nodes/it-police`,
        log: `${CWD}/.run/logs/node-it-police.log`,
        created: true,
        signIns: [
          { name: 'marco.ricci', role: 'officer', password: { kind: 'one-time', oneTimePassword: 'otp-of-marco-1234567890' } },
          {
            name: 'elena.greco',
            role: 'supervisor',
            password: { kind: 'one-time', oneTimePassword: 'otp-of-elena-1234567890' },
            totpSecret: SECRET,
            totpUri: `otpauth://totp/Accord%20it-police:elena.greco?secret=${SECRET}&issuer=Accord%20it-police`,
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe('the block make run prints', () => {
  test('opens and closes with its marker lines', () => {
    const lines = formatRunSummary(summary(), CWD).trimEnd().split('\n');
    expect(lines[0]).toBe(SUMMARY_FIRST_LINE);
    expect(lines.at(-1)).toBe(SUMMARY_LAST_LINE);
  });

  test("names each node's URL, and each account's name, role and one-time password on one line", () => {
    const text = formatRunSummary(summary(), CWD);
    expect(text).toMatch(/^it-police\s+http:\/\/127\.0\.0\.2:8470\/\s+\(node \.run\/nodes\/it-police, set up now;/m);
    expect(text).toMatch(/^ {2}marco\.ricci\s+officer\s+one-time password\s+otp-of-marco-1234567890$/m);
    expect(text).toMatch(/^ {2}elena\.greco\s+supervisor\s+one-time password\s+otp-of-elena-1234567890$/m);
  });

  test('gives a TOTP account its secret and enrolment URI, and says how to get a code', () => {
    const text = formatRunSummary(summary(), CWD);
    expect(text).toMatch(new RegExp(`^\\s+TOTP secret\\s+${SECRET}$`, 'm'));
    expect(text).toMatch(/^\s+TOTP URI\s+otpauth:\/\/totp\/Accord%20it-police:elena\.greco\?secret=/m);
    expect(text).toContain('authenticator app');
    expect(text).toContain('oathtool --totp -b SECRET');
  });

  test('shows paths under the working folder relative to it, others in full', () => {
    const text = formatRunSummary(summary({ signInsFile: '/elsewhere/demo-sign-ins.json' }), CWD);
    expect(text).toContain('kept in /elsewhere/demo-sign-ins.json (mode 0600)');
    expect(text).toContain('npx accord inbox --as ly-coastguard --dir .run/stack');
  });

  test('an account whose password was changed, or whose one-time password was not kept, shows no password', () => {
    const [node] = summary().nodes;
    if (!node) throw new Error('no node');
    const text = formatRunSummary(
      summary({
        nodes: [
          {
            ...node,
            created: false,
            signIns: [
              { name: 'marco.ricci', role: 'officer', password: { kind: 'changed' } },
              { name: 'elena.greco', role: 'supervisor', password: { kind: 'not-kept' } },
            ],
          },
        ],
      }),
      CWD,
    );
    expect(text).toContain('reused;');
    expect(text).toMatch(/^ {2}marco\.ricci\s+officer\s+password\s+your own/m);
    expect(text).toMatch(/^ {2}elena\.greco\s+supervisor\s+password\s+not kept .*remove \.run\/nodes\/it-police/m);
    expect(text).toMatch(/^\s+TOTP secret\s+not kept$/m);
    expect(text).not.toContain('one-time password  ');
  });

  test('says why the auditor console is not there', () => {
    expect(formatRunSummary(summary({ console: { state: 'absent' } }), CWD)).toMatch(
      /^auditor console\s+not started: this build's CLI has no `accord audit console`$/m,
    );
    const failed = formatRunSummary(
      summary({ console: { state: 'failed', reason: 'it exited (exit 1)', log: `${CWD}/.run/logs/a.log` } }),
      CWD,
    );
    expect(failed).toMatch(/^auditor console\s+did not start: it exited \(exit 1\) \(log \.run\/logs\/a\.log\)$/m);
    expect(formatRunSummary(summary(), CWD)).toMatch(/^auditor console\s+http:\/\/127\.0\.0\.1:8480\/ /m);
  });
});
