import { describe, expect, test } from 'vitest';
import { parseOptions } from '../../cli/parse-options.js';

const KID = /^[A-Za-z0-9_-]{43}$/;
const dashed = '-wIdIK--AwFNZk-CFKiVfsTowk458DXE1hUjYXN94ag';
const parse = (argv: string[]) =>
  parseOptions(
    argv,
    { reason: { type: 'string' }, dir: { type: 'string' } },
    { min: 2, max: 2, names: 'the agency ID and the KID', last: KID },
  );

describe('a key id that begins with "-" is the positional it is, not an option', () => {
  test('in any place among the options', () => {
    for (const argv of [
      ['pt-border', dashed, '--reason', 'superseded', '--dir', 'd'],
      ['pt-border', '--reason', 'superseded', dashed, '--dir', 'd'],
    ]) {
      const { values, positionals } = parse(argv);
      expect(positionals).toEqual(['pt-border', dashed]);
      expect(values).toMatchObject({ reason: 'superseded', dir: 'd' });
    }
  });

  test('given after "--" by the user, as before', () => {
    expect(parse(['pt-border', '--reason', 'superseded', '--', dashed]).positionals).toEqual(['pt-border', dashed]);
  });

  test('a word of another shape beginning with "-" is still an unknown option', () => {
    expect(() => parse(['pt-border', '-w', '--reason', 'superseded'])).toThrow(/Unknown option '-w'/);
  });
});
