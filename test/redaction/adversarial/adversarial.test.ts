/**
 * Acceptance of issue 16: every case of the adversarial corpus, through the views and the
 * independent judge. One test per case, grouped by the ten classes; a failure
 * names the value's field and kind, the form the judge recognised and where in the view.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { viewKeys, type ViewKeys } from '../../harness/views-of.js';
import { CLASSES, casesOfClass, corpus, type AdversarialCase, type ClassNo } from './corpus.js';
import { checkLeakCase, checkPolicyCase, checkPseudonymCase, checkRefusalCase, type Outcome } from './run-case.js';

let keys: ViewKeys;
beforeAll(async () => {
  keys = await viewKeys();
});

const stats = new Map<ClassNo, { cases: number; checks: number; failed: number }>();

async function run(c: AdversarialCase): Promise<Outcome> {
  switch (c.kind) {
    case 'leak':
      return checkLeakCase(c, keys);
    case 'pseudonym':
      return checkPseudonymCase(c, keys);
    case 'refusal':
      return checkRefusalCase(c, keys);
    case 'policy':
      return checkPolicyCase(c);
  }
}

test('the corpus holds at least 200 cases, several in each of the ten classes, with unique names', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(200);
  for (const k of Object.keys(CLASSES).map(Number) as ClassNo[]) expect(casesOfClass(k).length, CLASSES[k]).toBeGreaterThanOrEqual(10);
  const names = corpus.map((c) => `${c.klass}: ${c.name}`);
  expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
});

for (const k of Object.keys(CLASSES).map(Number) as ClassNo[]) {
  describe(`class ${k}: ${CLASSES[k]}`, () => {
    for (const c of casesOfClass(k)) {
      test(c.name, async () => {
        const { problems, checks } = await run(c);
        const s = stats.get(k) ?? { cases: 0, checks: 0, failed: 0 };
        stats.set(k, { cases: s.cases + 1, checks: s.checks + checks, failed: s.failed + (problems.length > 0 ? 1 : 0) });
        expect(problems, `case "${c.name}" (recipient ${c.kind === 'leak' ? c.recipient.id : '-'})`).toEqual([]);
      });
    }
  });
}

afterAll(() => {
  const lines = [...stats.entries()]
    .sort(([a], [b]) => a - b)
    .map(([k, s]) => `  class ${k} (${CLASSES[k]}): ${s.cases} cases, ${s.checks} checks, ${s.failed} failing`);
  const total = [...stats.values()].reduce(
    (t, s) => ({ cases: t.cases + s.cases, checks: t.checks + s.checks, failed: t.failed + s.failed }),
    { cases: 0, checks: 0, failed: 0 },
  );
  console.info(`adversarial corpus: ${total.cases} cases, ${total.checks} checks, ${total.failed} failing\n${lines.join('\n')}`);
});
