import { describe, expect, test } from 'vitest';
import { textFields, validateNotice } from '../../libs/notice/index.js';
import type { CaseNoticeProps } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

/** The sample notice with `text` written into the field at `path` (a path as textFields names it). */
function withText(path: string, text: string): CaseNoticeProps {
  const notice = sampleNotice('it-police') as Record<string, unknown>;
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let at: Record<string, unknown> = notice;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1) ?? ''] = text;
  return notice as CaseNoticeProps;
}

const paths = ['summary', ...[...textFields(sampleNotice('it-police'))].map(([path]) => path)];

describe('ingest and the SDK refuse control characters in every text field', () => {
  test(`the sample notice has ${paths.length} text fields, every kind of them`, () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        'summary',
        'caseRef',
        'persons[0].fullName',
        'persons[0].documents[0].kind',
        'conveyances[0].identifier',
        'financial[0].counterparty',
        'locations[0].label',
      ]),
    );
  });

  test.each(paths)('ESC in %s is E_SCHEMA naming the field', (path) => {
    expect(() => validateNotice(withText(path, 'A\u001b[2J ALL CLEAR'))).toThrow(expect.objectContaining({ code: 'E_SCHEMA', path }));
  });

  test.each([
    ['a C1 control sequence introducer', '\u009b2J'],
    ['an OSC 52 clipboard write', '\u001b]52;c;ZWNobyBvd25lZA==\u0007'],
    ['a carriage return', 'line one\rline two'],
    ['a NUL', 'Zuwara\u0000beach'],
  ])('%s in the summary is refused, saying which character', (_what, text) => {
    expect(() => validateNotice(withText('summary', text))).toThrow(
      expect.objectContaining({ code: 'E_SCHEMA', path: 'summary', message: expect.stringMatching(/control character U\+00[0-9A-F]{2}/) }),
    );
  });

  test('tabs, newlines and bidi marks stay accepted (the CLI shows the marks escaped)', () => {
    expect(() => validateNotice(withText('summary', 'line one\n\tline two \u202eright to left\u202c'))).not.toThrow();
  });
});
