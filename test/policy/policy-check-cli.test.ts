import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCliSync as accord } from '../harness/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-policy-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function policyFile(name: string, rules: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `schema: 1\npolicy: ${name}\nrules:\n${rules}`);
  return file;
}

describe('accord policy check and engine invariants', () => {
  test('a policy whose rule would break an invariant exits 1, the problem on stderr at the rule', () => {
    const file = policyFile('identities-to-all', '  - id: identities-to-all\n    grant: [witness.identity, minor.identity]\n');
    const run = accord('policy', 'check', file);
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: '' });
    expect(run.stderr).toContain(`${file}:5:12: rules[0].grant: rule "identities-to-all" would break engine invariants: minors-on-route: `);
    expect(run.stderr).toMatch(/research-core-only: .*witness-protection: /);
  });

  test('a policy granting witness.identity only to addressed prosecutors passes', () => {
    const file = policyFile(
      'witnesses-to-addressed-prosecutors',
      '  - id: witnesses\n    when: { recipient: { role: [prosecutor], addressee: true } }\n    grant: [witness.identity]\n',
    );
    const run = accord('policy', 'check', file);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
