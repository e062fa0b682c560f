import { AccordError } from '../errors/index.js';
import type { CaseNoticeProps } from '../proto/index.js';
import { textFields } from './text-fields.js';

/**
 * C0 and C1 control characters (tab and newline aside) have no place in a notice's text:
 * in a terminal they clear screens, paint fake lines and write clipboards. Refused in
 * every text field, naming the field and the character, never the text around it.
 */
// oxlint-disable-next-line eslint/no-control-regex -- control characters are what this looks for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

export function checkTextCharacters(notice: CaseNoticeProps): void {
  for (const [path, text] of [['summary', notice.summary ?? ''] as [string, string], ...textFields(notice)]) {
    const found = CONTROL.exec(text);
    if (!found) continue;
    const code = (found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new AccordError(
      'E_SCHEMA',
      `${path}: character ${found.index + 1} is the control character U+${code}; only tab and newline may stand in text`,
      { path },
    );
  }
}
