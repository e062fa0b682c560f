import { describe, expect, test } from 'vitest';
import { formatView } from '../../cli/format-view.js';
import { oneLine, terminalSafe } from '../../cli/output-guard.js';
import type { StoredView } from '../../libs/client/index.js';
import { runCliSync } from '../harness/run-cli.js';

const HOSTILE: [string, string][] = [
  ['ESC[2J (clear the screen)', '\u001b[2J ALL CLEAR'],
  ['OSC 52 (write the clipboard)', '\u001b]52;c;ZWNobyBvd25lZA==\u0007'],
  ['OSC 8 (a hidden link)', '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\'],
  ['a C1 CSI', '\u009b31m red'],
  ['U+202E (right-to-left override)', 'Kamal \u202edaddaH'],
];

// Whatever controls a terminal or the direction of text: it must never appear raw.
// oxlint-disable-next-line eslint/no-control-regex -- control characters are what this looks for
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

function viewWith(text: string): StoredView {
  return {
    deliverySeq: 1,
    noticeId: 'n',
    storedAt: '',
    signedView: '',
    view: {
      core: { noticeId: 'n', caseRef: text, issuingAgency: 'it-police' },
      elements: [
        { path: 'summary', category: 'summary', derived: true, summary: text },
        { path: 'financial/x', category: 'financial', financial: { counterparty: text, institution: text } },
        { path: 'persons/x/identity', category: 'smuggler.identity', personIdentity: { fullName: text, documents: [{ kind: text }] } },
      ],
      withheld: [{ path: text, category: 'summary' }],
    },
  };
}

describe("what the CLI prints of another agency's text is shown, never obeyed", () => {
  test.each(HOSTILE)('%s in every field of a view is printed escaped and visible', (_what, text) => {
    const printed = formatView(viewWith(text));
    expect(printed).not.toMatch(RAW);
    expect(printed).toMatch(/\\u(001b|009b|202e)/);
  });

  test('a newline in a value keeps the view on its lines: shown as \\n', () => {
    expect(oneLine('one\ntwo')).toBe('one\\ntwo');
  });

  test("the guard on every line the CLI writes keeps JSON valid: the escape is JSON's own", () => {
    const json = JSON.stringify({ summary: 'A\u009b2J \u202eB\u2028' });
    const guarded = terminalSafe(json);
    expect(guarded).not.toMatch(RAW);
    expect(JSON.parse(guarded)).toEqual({ summary: 'A\u009b2J \u202eB\u2028' });
  });

  test('the real CLI escapes what it echoes: an unknown verb holding ESC[2J', () => {
    const run = runCliSync('\u001b[2Jgotcha');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('\\u001b[2Jgotcha');
    expect(run.stderr).not.toMatch(RAW);
  });
});
