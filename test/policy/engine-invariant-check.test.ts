import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ENGINE_INVARIANTS, parsePolicy, PolicyInvalidError, type InvariantId, type PolicyProblem } from '../../libs/policy/index.js';
import { packageRoot } from '../../libs/stack/index.js';

const policyOf = (...rules: string[]): string => `schema: 1\npolicy: test\nrules:\n${rules.join('')}`;
/** A rule at the list's indentation; `body` lines are indented by four spaces. */
const rule = (id: string, ...body: string[]): string => `  - id: ${id}\n${body.map((line) => `    ${line}\n`).join('')}`;

function problemsOf(text: string): readonly PolicyProblem[] {
  try {
    parsePolicy(text, 'mine.yaml');
  } catch (error) {
    if (error instanceof PolicyInvalidError) return error.problems;
    throw error;
  }
  return [];
}

/** What each refused rule breaks: its path, and per invariant the categories granted against it. */
const breaksOf = (text: string) => problemsOf(text).map((p) => ({ path: p.path, breaks: p.breaks }));

const statement = (id: InvariantId): string => ENGINE_INVARIANTS.find((i) => i.id === id)?.statement ?? '';
const RESEARCH_CORE_ONLY = rule(
  'research-core-only',
  'when: { recipient: { role: [research] } }',
  'deny: [person.profile, smuggler.identity, migrant.identity, witness.identity, minor.identity, summary, conveyance, financial, location.precise]',
);

describe('a policy whose rules would break an engine invariant is refused', () => {
  // The issue's class 10 example: no `when`, so every member gets it, research and WITNESS_PROTECTION included.
  const issueExample = policyOf(
    rule('profiles', 'grant: [person.profile]'),
    rule('identities-to-all', 'grant: [witness.identity, minor.identity]'),
  );

  test('a rule with no `when` granting witness.identity and minor.identity is refused, naming each invariant it breaks', () => {
    expect(breaksOf(issueExample)[1]).toEqual({
      path: 'rules[1].grant',
      breaks: [
        { invariant: 'minors-on-route', categories: ['minor.identity'] },
        { invariant: 'research-core-only', categories: ['minor.identity', 'witness.identity'] },
        { invariant: 'witness-protection', categories: ['witness.identity'] },
      ],
    });
  });

  test('there is one problem per offending rule', () => {
    expect(breaksOf(issueExample).map((p) => p.path)).toEqual(['rules[0].grant', 'rules[1].grant']);
  });

  test("the problem is located at the rule's grant, line and column", () => {
    const problem = problemsOf(issueExample)[1];
    expect({ line: problem?.line, column: problem?.column }).toEqual({ line: 7, column: 12 });
  });

  test('the message names the rule, each invariant with its statement, and how to fix it', () => {
    const message = problemsOf(issueExample)[1]?.message ?? '';
    expect(message).toMatch(/^rule "identities-to-all" would break engine invariants: /);
    for (const { id } of ENGINE_INVARIANTS) expect(message).toContain(`${id}: ${statement(id)}`);
    expect(message).toContain(
      'add `role: { not: [research] }` to its recipient conditions, or deny minor.identity, witness.identity to research in a rule of its own',
    );
    expect(message).toContain('add `onRoute: true` or a `routeLeg` to its recipient conditions');
    expect(message).toContain(
      'add `withoutCaveats: [WITNESS_PROTECTION]` to its notice conditions, or `role: [prosecutor]` with `addressee: true` to its recipient conditions',
    );
  });

  test('the refusal is an E_POLICY_INVALID error whose message is FILE:LINE:COLUMN: path: what', () => {
    expect(() => parsePolicy(issueExample, 'mine.yaml')).toThrowError(
      expect.objectContaining({
        code: 'E_POLICY_INVALID',
        message: expect.stringContaining('mine.yaml:7:12: rules[1].grant: rule "identities-to-all" would break'),
      }),
    );
  });

  const refused: [what: string, text: string, breaks: { invariant: InvariantId; categories: string[] }[]][] = [
    [
      'summary to every recipient (research included)',
      policyOf(rule('summary-to-all', 'grant: [summary]')),
      [{ invariant: 'research-core-only', categories: ['summary'] }],
    ],
    [
      'a research exclusion limited to some TLP levels is no cover',
      policyOf(
        rule('research-amber-out', 'when: { notice: { tlp: [AMBER, RED] }, recipient: { role: [research] } }', 'exclude: true'),
        rule('summary-to-all', 'grant: [summary]'),
      ),
      [{ invariant: 'research-core-only', categories: ['summary'] }],
    ],
    [
      'a research deny covers only the categories it names',
      policyOf(
        rule('no-summary-to-research', 'when: { recipient: { role: [research] } }', 'deny: [summary]'),
        rule('to-all', 'grant: [summary, conveyance]'),
      ),
      [{ invariant: 'research-core-only', categories: ['conveyance'] }],
    ],
    [
      'a research deny narrowed by another recipient condition is no cover',
      policyOf(
        rule('no-summary-to-research-in-it', 'when: { recipient: { role: [research], country: [IT] } }', 'deny: [summary]'),
        rule('to-all', 'grant: [summary]'),
      ),
      [{ invariant: 'research-core-only', categories: ['summary'] }],
    ],
    [
      'witness identity to prosecutors, addressed or not',
      policyOf(rule('witnesses-to-prosecutors', 'when: { recipient: { role: [prosecutor] } }', 'grant: [witness.identity]')),
      [{ invariant: 'witness-protection', categories: ['witness.identity'] }],
    ],
    [
      'witness identity to every addressee, prosecutor or not',
      policyOf(
        rule('witnesses-to-addressees', 'when: { recipient: { role: { not: [research] }, addressee: true } }', 'grant: [witness.identity]'),
      ),
      [{ invariant: 'witness-protection', categories: ['witness.identity'] }],
    ],
    [
      'a WITNESS_PROTECTION deny narrowed to one role is no cover',
      policyOf(
        rule(
          'no-witness-to-police',
          'when: { notice: { withCaveats: [WITNESS_PROTECTION] }, recipient: { role: [police] } }',
          'deny: [witness.identity]',
        ),
        rule('witnesses', 'when: { recipient: { role: { not: [research] } } }', 'grant: [witness.identity]'),
      ),
      [{ invariant: 'witness-protection', categories: ['witness.identity'] }],
    ],
    [
      "a minor's identity to protection bodies anywhere",
      policyOf(rule('minors-to-protection', 'when: { recipient: { role: [protection] } }', 'grant: [minor.identity]')),
      [{ invariant: 'minors-on-route', categories: ['minor.identity'] }],
    ],
    [
      "a minor's identity to protection bodies off the route",
      policyOf(rule('minors-off-route', 'when: { recipient: { role: [protection], onRoute: false } }', 'grant: [minor.identity]')),
      [{ invariant: 'minors-on-route', categories: ['minor.identity'] }],
    ],
    [
      "a minor's identity on the route, research included, with only an off-route deny",
      policyOf(
        rule('no-minors-off-route', 'when: { recipient: { onRoute: false } }', 'deny: [minor.identity]'),
        rule('minors-on-route', 'when: { recipient: { onRoute: true } }', 'grant: [minor.identity]'),
      ),
      [
        { invariant: 'minors-on-route', categories: ['minor.identity'] },
        { invariant: 'research-core-only', categories: ['minor.identity'] },
      ],
    ],
  ];

  test.each(refused)('refused: %s', (_what, text, breaks) => {
    expect(problemsOf(text).map((p) => p.breaks)).toEqual([breaks]);
  });
});

describe('a policy whose rules keep to the invariants is accepted', () => {
  const accepted: [what: string, text: string][] = [
    [
      'the summary to every role but research',
      policyOf(rule('summary', 'when: { recipient: { role: { not: [research] } } }', 'grant: [summary]')),
    ],
    [
      'the summary to a list of roles without research',
      policyOf(rule('summary', 'when: { recipient: { role: [police, prosecutor] } }', 'grant: [summary]')),
    ],
    [
      'the summary to every recipient, with research denied it by role alone',
      policyOf(RESEARCH_CORE_ONLY, rule('summary-to-all', 'grant: [summary]')),
    ],
    [
      'the summary to every recipient, with research excluded by role alone',
      policyOf(
        rule('research-out', 'when: { recipient: { role: [research] } }', 'exclude: true'),
        rule('summary-to-all', 'grant: [summary]'),
      ),
    ],
    [
      'the summary to every recipient, with a deny of it to every role but police',
      policyOf(
        rule('summary-for-police', 'when: { recipient: { role: { not: [police] } } }', 'deny: [summary]'),
        rule('to-all', 'grant: [summary]'),
      ),
    ],
    [
      'witness identity outside WITNESS_PROTECTION',
      policyOf(
        rule(
          'witnesses',
          'when: { notice: { withoutCaveats: [WITNESS_PROTECTION] }, recipient: { role: [prosecutor, police] } }',
          'grant: [witness.identity]',
        ),
      ),
    ],
    [
      'witness identity to addressed prosecutors',
      policyOf(rule('witnesses', 'when: { recipient: { role: [prosecutor], addressee: true } }', 'grant: [witness.identity]')),
    ],
    [
      'witness identity to every operational body, with a deny under WITNESS_PROTECTION alone',
      policyOf(
        rule('no-protected-witnesses', 'when: { notice: { withCaveats: [WITNESS_PROTECTION] } }', 'deny: [witness.identity]'),
        rule('witnesses', 'when: { recipient: { role: { not: [research] } } }', 'grant: [witness.identity]'),
      ),
    ],
    [
      "a minor's identity to protection bodies on the route",
      policyOf(rule('minors', 'when: { recipient: { role: [protection], onRoute: true } }', 'grant: [minor.identity]')),
    ],
    [
      "a minor's identity to immigration at the destination",
      policyOf(rule('minors', 'when: { recipient: { role: [immigration], routeLeg: [destination] } }', 'grant: [minor.identity]')),
    ],
    [
      "a minor's identity on the route, research denied it by role alone",
      policyOf(RESEARCH_CORE_ONLY, rule('minors-on-route', 'when: { recipient: { onRoute: true } }', 'grant: [minor.identity]')),
    ],
    [
      "a minor's identity to every operational body, with a deny off the route alone",
      policyOf(
        rule('no-minors-off-route', 'when: { recipient: { onRoute: false } }', 'deny: [minor.identity]'),
        rule('minors', 'when: { recipient: { role: { not: [research] } } }', 'grant: [minor.identity]'),
      ),
    ],
    [
      'every category to everyone, with a deny of the forbidden ones to everyone',
      policyOf(
        rule('none', 'deny: [witness.identity, minor.identity]'),
        rule('all', 'when: { recipient: { role: { not: [research] } } }', 'grant: [witness.identity, minor.identity, summary]'),
      ),
    ],
    ['a rule that excludes whatever it also grants', policyOf(rule('odd', 'grant: [minor.identity]', 'exclude: true'))],
  ];

  test.each(accepted)('accepted: %s', (_what, text) => {
    expect(problemsOf(text)).toEqual([]);
  });

  const defaultText = readFileSync(join(packageRoot(), 'policies', 'default.yaml'), 'utf8');

  test('the default policy is accepted', () => {
    expect(problemsOf(defaultText)).toEqual([]);
  });

  test("the default policy's research-core-only rule covers a grant to every recipient added to it", () => {
    expect(problemsOf(`${defaultText}\n${rule('summary-to-all', 'grant: [summary]')}`)).toEqual([]);
  });

  test('without its research-core-only rule, the default policy refuses that grant', () => {
    const withoutCover = defaultText.replace(/ {2}- id: research-core-only\n(?: {4}.*\n)+/, '');
    expect(withoutCover).not.toContain('research-core-only');
    expect(breaksOf(`${withoutCover}\n${rule('summary-to-all', 'grant: [summary]')}`).map((p) => p.breaks)).toEqual([
      [{ invariant: 'research-core-only', categories: ['summary'] }],
    ]);
  });
});

test('docs/policy.md states each invariant as the engine does', () => {
  const docs = readFileSync(join(packageRoot(), 'docs', 'policy.md'), 'utf8');
  for (const { id, statement: said } of ENGINE_INVARIANTS) expect(docs).toContain(`| \`${id}\` | ${said} |`);
});
