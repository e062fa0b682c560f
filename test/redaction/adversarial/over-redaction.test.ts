/**
 * Over-redaction: what a recipient is granted must reach it. Per class of the corpus, the
 * rate of granted free-text tokens that survive (all tokens, and the value tokens most at
 * risk) must be 95 % or more, so a scrubber that blanks everything fails; texts with
 * nothing withheld arrive as written; and no granted structured value is lost, except a
 * value that really holds a withheld one (reported, not counted).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CaseNoticeProps } from '../../../libs/proto/index.js';
import { viewKeys, type RecipientView, type TestRecipient, type ViewKeys } from '../../harness/views-of.js';
import { CLASSES, leakCases, type ClassNo } from './corpus.js';
import { overCases, unmarked, type OverCase } from './corpus-over.js';
import { grantedNames, grantedValues, secretsOf } from './expected.js';
import { decodeView, deliveredTexts, findLeaks } from './judge.js';
import { grantsFor, pseudonymOf, summaryOf, viewFor } from './run-case.js';

let keys: ViewKeys;
const views = new Map<OverCase, RecipientView | undefined>();
beforeAll(async () => {
  keys = await viewKeys();
  for (const c of overCases) views.set(c, await viewFor(c.notice, c.recipient, keys));
});

const tokens = (text: string): string[] => text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

/** The text of the measured field as the recipient reads it. */
function rendered(c: OverCase, rv: RecipientView): string {
  if (c.field === 'summary') return summaryOf(rv) ?? '';
  return deliveredTexts(decodeView(rv)).find((t) => t.where.endsWith(`.${c.field}`))?.text ?? '';
}

/** The expected text with the recipient's pseudonyms put in for ⟨P:n⟩. */
function expectedFor(c: OverCase, rv: RecipientView): string {
  return c.expected.replace(/⟨P:(\d+)⟩/g, (_m, n: string) => {
    const p = c.notice.persons?.[Number(n)];
    return (p && pseudonymOf(rv, { role: p.role ?? 0, nationality: p.nationality ?? '' })) ?? 'P-unknown';
  });
}

interface Count {
  all: number;
  kept: number;
  values: number;
  valuesKept: number;
  lost: string[];
}

/** Measures one case: each expected token (outside ⟦withheld⟧ parts) found in the rendering. */
function measure(c: OverCase, rv: RecipientView | undefined, into: Count): void {
  const expected = rv ? expectedFor(c, rv) : c.expected;
  const have = new Map<string, number>();
  for (const t of tokens(rv ? rendered(c, rv) : '')) have.set(t, (have.get(t) ?? 0) + 1);
  const take = (t: string): boolean => {
    const n = have.get(t) ?? 0;
    if (n > 0) have.set(t, n - 1);
    return n > 0;
  };
  const outside = expected.replace(/⟦[^⟧]*⟧/g, ' ');
  const values = [...outside.matchAll(/⟪([^⟫]*)⟫/g)].flatMap((m) => tokens(m[1] ?? ''));
  for (const t of values) {
    into.values += 1;
    into.all += 1;
    if (take(t)) {
      into.valuesKept += 1;
      into.kept += 1;
    } else into.lost.push(`${c.name}: value token "${t}"`);
  }
  for (const t of tokens(outside.replace(/⟪[^⟫]*⟫/g, ' '))) {
    into.all += 1;
    if (take(t)) into.kept += 1;
    else into.lost.push(`${c.name}: "${t}"`);
  }
}

const counts = new Map<ClassNo, Count>();
const rate = (kept: number, all: number): number => (all === 0 ? 1 : kept / all);
const pct = (r: number): string => `${(r * 100).toFixed(1)} %`;

function countFor(k: ClassNo): Count {
  const cases = overCases.filter((c) => c.klass === k);
  const count: Count = { all: 0, kept: 0, values: 0, valuesKept: 0, lost: [] };
  for (const c of cases) measure(c, views.get(c), count);
  counts.set(k, count);
  return count;
}

describe('granted free-text tokens survive, per class (95 % or more)', () => {
  const classes = [...new Set(overCases.map((c) => c.klass))].sort((a, b) => a - b);
  for (const k of classes) {
    test(`class ${k} (${CLASSES[k]}): ${overCases.filter((c) => c.klass === k).length} texts`, () => {
      const count = countFor(k);
      expect(rate(count.kept, count.all), `tokens lost: ${count.lost.join('; ')}`).toBeGreaterThanOrEqual(0.95);
      expect(
        rate(count.valuesKept, count.values),
        `value tokens lost: ${count.lost.filter((l) => l.includes('value token')).join('; ')}`,
      ).toBeGreaterThanOrEqual(0.95);
    });
  }
});

describe('a text with nothing withheld from its recipient arrives as written', () => {
  for (const c of overCases.filter((x) => x.asWritten)) {
    test(`${c.klass}: ${c.name} (${c.recipient.id})`, () => {
      const rv = views.get(c);
      expect(rv, 'delivered').toBeDefined();
      if (!rv) return;
      expect(rendered(c, rv)).toBe(unmarked(expectedFor(c, rv)));
    });
  }
});

interface StructuredLoss {
  where: string;
  justified: boolean;
}

/** Granted structured values the view does not carry, each said justified when it holds a withheld value. */
function structuredLosses(
  name: string,
  notice: CaseNoticeProps,
  recipient: TestRecipient,
  rv: RecipientView,
  grants: ReadonlySet<string>,
): StructuredLoss[] {
  const texts = deliveredTexts(decodeView(rv));
  const secrets = secretsOf(notice, grants);
  const names = grantedNames(notice, grants);
  return grantedValues(notice, grants)
    .filter(
      (v) =>
        !texts.some(
          (t) =>
            t.where.endsWith(`.${v.name}`) &&
            (t.text === v.value || (Number.isFinite(Number(v.value)) && Number(t.text) === Number(v.value))),
        ),
    )
    .map((v) => ({
      where: `${name.endsWith(`(${recipient.id})`) ? name : `${name} (${recipient.id})`}: ${v.field}`,
      justified: findLeaks([{ where: v.field, text: v.value }], secrets, names).length > 0,
    }));
}

test('no granted structured value is lost (identity fields, financial, conveyance, location)', async () => {
  const losses: StructuredLoss[] = [];
  let values = 0;
  for (const c of overCases) {
    const rv = views.get(c);
    const grants = grantsFor({ notice: c.notice, recipient: c.recipient });
    if (!rv || !grants) continue;
    values += grantedValues(c.notice, grants).length;
    losses.push(...structuredLosses(c.name, c.notice, c.recipient, rv, grants));
  }
  // A case whose markup may rightly be refused at signing (a span holding a reference) has no view to measure.
  for (const c of leakCases.filter((x) => x.expectGrants !== 'none' && !x.refusalAllowed)) {
    const rv = await viewFor(c.notice, c.recipient, keys, c.grants);
    const grants = grantsFor(c);
    if (!rv || !grants) continue;
    values += grantedValues(c.notice, grants).length;
    losses.push(...structuredLosses(c.name, c.notice, c.recipient, rv, grants));
  }
  const justified = losses.filter((l) => l.justified);
  console.info(
    `structured values: ${values} granted, ${losses.length - justified.length} lost, ${justified.length} withheld because they hold a withheld value (over-redaction, reported):\n` +
      justified.map((l) => `  ${l.where}`).join('\n'),
  );
  expect(losses.filter((l) => !l.justified).map((l) => l.where)).toEqual([]);
});

afterAll(() => {
  const lines = [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(
      ([k, c]) =>
        `  class ${k} (${CLASSES[k]}): ${pct(rate(c.kept, c.all))} of ${c.all} tokens, ${pct(rate(c.valuesKept, c.values))} of ${c.values} value tokens`,
    );
  console.info(`over-redaction, granted tokens surviving:\n${lines.join('\n')}`);
});
