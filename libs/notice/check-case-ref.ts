import { AccordError } from '../errors/index.js';
import type { CaseNoticeProps } from '../proto/index.js';
import { personValueIn } from './person-value-in.js';

/**
 * caseRef is `core`: every recipient sees it, research included, so it must carry no value
 * of the notice's persons in any form. Throws E_SCHEMA naming the field, never the value.
 */
export function checkCaseRef(notice: CaseNoticeProps): void {
  // Case references are made of codes ("IT-BA-2026-0042"): a one- or two-letter name part
  // alone ("Ba" of Le Van Ba) is too often a country or office code to refuse for it.
  const found = personValueIn(notice.caseRef ?? '', notice, 3);
  if (found) {
    throw new AccordError(
      'E_SCHEMA',
      `caseRef: it carries a value of persons[${found.person}].${found.field}; a case reference is seen by every recipient and must hold no personal data`,
      { path: 'caseRef' },
    );
  }
}
