import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { packageRoot } from '../../libs/stack/index.js';

/** Each fixture holds one mistake the gate must catch, and the rule that must say so. */
const CASES: [fixture: string, rule: string][] = [
  ['floating-promise.ts', 'typescript(no-floating-promises)'],
  ['misused-promise.ts', 'typescript(no-misused-promises)'],
  ['await-thenable.ts', 'typescript(await-thenable)'],
  ['non-exhaustive-switch.ts', 'typescript(switch-exhaustiveness-check)'],
  ['duplicate-import.ts', 'import(no-duplicates)'],
  ['deep-import.ts', 'eslint(no-restricted-imports)'],
  ['type-import.ts', 'typescript(consistent-type-imports)'],
];

const root = packageRoot();
const fixtures = join(root, 'test', 'lint', 'fixtures');
let found = new Map<string, string[]>();

beforeAll(() => {
  const run = spawnSync(
    join(root, 'node_modules', '.bin', 'oxlint'),
    ['--type-aware', '-f', 'json', ...CASES.map(([f]) => join(fixtures, f))],
    { cwd: root, encoding: 'utf8' },
  );
  const report = JSON.parse(run.stdout) as { diagnostics: { filename: string; code: string }[] };
  found = new Map(CASES.map(([f]) => [f, report.diagnostics.filter((d) => d.filename.endsWith(`/${f}`)).map((d) => d.code)]));
}, 60_000);

test.each(CASES)('lint refuses %s: %s', (fixture, rule) => {
  expect(found.get(fixture)).toContain(rule);
});

test('the configuration turns none of these rules off, nor down to a warning', () => {
  const config = JSON.parse(readFileSync(join(root, '.oxlintrc.json'), 'utf8')) as { rules: Record<string, unknown> };
  const names = (rule: string): string[] => {
    const [plugin = '', name = ''] = rule.replace(')', '').split('(');
    return [`${plugin}/${name}`, name];
  };
  for (const [, rule] of CASES) {
    const setting = names(rule)
      .map((n) => config.rules[n])
      .find((s) => s !== undefined);
    expect(Array.isArray(setting) ? setting[0] : setting, rule).toBe('error');
  }
});
