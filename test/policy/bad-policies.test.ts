import { describe, expect, test } from 'vitest';
import { parsePolicy, PolicyInvalidError, type PolicyProblem } from '../../libs/policy/index.js';

const rule = (body: string) => `schema: 1\npolicy: test\nrules:\n  - id: r1\n${body}`;

/** Each row: a mistake, the file, where it must be reported (line) and what must be said. */
const mistakes: [string, string, number, RegExp][] = [
  [
    'a YAML syntax error (an unclosed list, reported where the file ends)',
    'schema: 1\npolicy: test\nrules:\n  - id: r1\n    grant: [summary\n',
    6,
    /YAML: Flow sequence/,
  ],
  ['a list where the policy mapping belongs', '- id: r1\n  grant: [summary]\n', 1, /expected a mapping/],
  ['a wrong schema version', 'schema: 2\npolicy: test\nrules:\n  - id: r1\n    grant: [summary]\n', 1, /schema: 1/],
  ['no policy name', 'schema: 1\nrules:\n  - id: r1\n    grant: [summary]\n', 1, /needs a name/],
  ['an unknown top-level key', 'schema: 1\npolicy: test\nowner: me\nrules:\n  - id: r1\n    grant: [summary]\n', 3, /unknown key "owner"/],
  ['no rules at all', 'schema: 1\npolicy: test\nrules: []\n', 3, /non-empty list of rules/],
  ['a rule without an id', 'schema: 1\npolicy: test\nrules:\n  - grant: [summary]\n', 4, /needs an id/],
  ['two rules with one id', `${rule('    grant: [summary]\n')}  - id: r1\n    grant: [financial]\n`, 6, /used twice/],
  ['a misspelt rule key', rule('    grnat: [summary]\n'), 5, /unknown key "grnat"/],
  ['an unknown category', rule('    grant: [summaries]\n'), 5, /"summaries" is not one of/],
  ['an unknown role', rule('    when: { recipient: { role: [pilot] } }\n    grant: [summary]\n'), 5, /"pilot" is not one of police/],
  [
    'a country that is not ISO 3166-1',
    rule('    when: { recipient: { country: [Italy] } }\n    grant: [summary]\n'),
    5,
    /"Italy" is not one of ISO 3166-1/,
  ],
  ['an unknown TLP level', rule('    when: { notice: { tlp: [PURPLE] } }\n    grant: [summary]\n'), 5, /"PURPLE" is not one of CLEAR/],
  ['granting core', rule('    grant: [core]\n'), 5, /core is part of every delivery/],
  ['a rule that does nothing', rule('    description: nothing\n'), 4, /must grant, deny or exclude/],
  ['exclude that is not true or false', rule('    exclude: sometimes\n'), 5, /expected true or false/],
  ['an empty condition list', rule('    when: { recipient: { role: [] } }\n    grant: [summary]\n'), 5, /empty list matches nothing/],
  ['a misspelt condition', rule('    when: { recipient: { onroute: true } }\n    grant: [summary]\n'), 5, /unknown key "onroute"/],
  ['a single value where a list belongs', rule('    grant: summary\n'), 5, /expected a list/],
];

function problemsOf(text: string): readonly PolicyProblem[] {
  try {
    parsePolicy(text, 'bad.yaml');
  } catch (error) {
    if (error instanceof PolicyInvalidError) return error.problems;
    throw error;
  }
  throw new Error('the policy was accepted');
}

describe('a bad policy file gets a precise error: file, line, what is wrong', () => {
  test(`there are at least 10 kinds of mistake here (${mistakes.length})`, () => {
    expect(mistakes.length).toBeGreaterThanOrEqual(10);
  });

  test.each(mistakes)('%s', (_what, text, line, message) => {
    const problems = problemsOf(text);
    expect(
      problems.some((p) => p.line === line && message.test(p.message)),
      JSON.stringify(problems),
    ).toBe(true);
  });

  test('every problem of a file is reported at once', () => {
    const problems = problemsOf(rule('    when: { recipient: { role: [pilot], country: [Italy] } }\n    grant: [summaries]\n'));
    expect(problems.length).toBe(3);
  });

  test('the message names the file and the place', () => {
    expect(() => parsePolicy(rule('    grant: [summaries]\n'), 'policies/mine.yaml')).toThrowError(
      /^policies\/mine\.yaml:5:\d+: rules\[0\]\.grant\[0\]: /,
    );
  });
});
