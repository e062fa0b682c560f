import { analyseText, findValues } from '../detection/index.js';
import type { CaseNoticeProps } from '../proto/index.js';
import { personValues } from './person-values.js';

/** Where a text shows a value of one of a notice's persons: persons[i] and the field; never the value. */
export interface PersonValueFound {
  person: number;
  field: string;
}

/**
 * The first value of the notice's persons the text shows, in any of the forms the
 * detectors know (scripts, digits, separators, a surname alone), at least `strength` strong.
 */
export function personValueIn(text: string, notice: CaseNoticeProps, strength: number): PersonValueFound | undefined {
  const analysed = analyseText(text);
  for (const [i, p] of (notice.persons ?? []).entries()) {
    const values = personValues(p).map((v) => ({ kind: v.kind, value: v.value, tag: v.field }));
    const found = findValues(analysed, values).find((m) => m.strength >= strength);
    if (found) return { person: i, field: found.value.tag };
  }
  return undefined;
}
