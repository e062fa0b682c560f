import { referencedText, summaryPieces } from '../disclosure/index.js';
import type { CaseNoticeProps } from '../proto/index.js';
import type { MarkedPiece } from './compose-models.js';

/**
 * A draft's summary as its markup reads, checked against the draft as ingest will check
 * it (E_SCHEMA naming the character, or the reference that names nothing): a reference
 * shows the value it names, so the supervisor sees what is withheld with it.
 */
export function markedSummary(notice: CaseNoticeProps): MarkedPiece[] {
  const pieces = summaryPieces(notice, () => '');
  if (!pieces) return [{ text: notice.summary ?? '' }];
  return pieces.map((p): MarkedPiece => {
    if ('text' in p) return { text: p.text };
    if ('span' in p) return { category: p.span.category, text: p.span.text };
    const { collection, index, field } = p.ref;
    return { ref: `${collection}[${index}]${field ? `.${field}` : ''}`, text: referencedText(notice, p.ref) };
  });
}
