/** What `accord inbox` prints of withdrawals, updates and replies, in lines and in JSON. */
import { describe, expect, test } from 'vitest';
import { formatItems, inboxDocument, itemJson, type InboxItem } from '../../cli/inbox-output.js';
import type { TombstoneRecord } from '../../libs/client/index.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const BY = '33333333-3333-4333-8333-333333333333';

const withdrawal: TombstoneRecord = {
  kind: 'WITHDRAWAL',
  byNoticeId: BY,
  issuingAgency: 'it-police',
  issuedAt: '2026-12-03T09:00:00Z',
  noticeIds: [A, B],
  withdrawalCode: 'WRONG_PERSON',
  reason: 'Not the man we meant.',
};

const viewOf = (noticeId: string, elements: Record<string, unknown>[] = []): Record<string, unknown> => ({
  core: { noticeId, issuingAgency: 'it-police', type: 'ALERT', tlp: 'AMBER' },
  elements,
});

describe('accord inbox prints how notices stand to each other', () => {
  test('a withdrawal tombstone: who withdrew which notices, with the code and the reason', () => {
    const printed = formatItems([{ deliverySeq: 9, tombstone: withdrawal }]);
    expect(printed).toContain(`WITHDRAWN by it-police (WRONG_PERSON): Not the man we meant. — notices ${A}, ${B}`);
    expect(printed).toContain('(delivery #9)');
  });

  test('what a withdrawal left of a view: its notice, marked withdrawn, its content said to be deleted', () => {
    const printed = formatItems([{ deliverySeq: 3, noticeId: A, withdrawn: { ...withdrawal, withdrawnAt: '2026-12-03T09:00:05Z' } }]);
    expect(printed).toContain(`notice ${A}  WITHDRAWN  (delivery #3)`);
    expect(printed).toContain('its content was deleted from this store');
  });

  test('an update not shared with the agency says so', () => {
    const update: TombstoneRecord = { kind: 'UPDATE', byNoticeId: BY, issuingAgency: 'it-police', issuedAt: '', noticeIds: [A] };
    expect(formatItems([{ deliverySeq: 4, tombstone: update }])).toContain(
      `UPDATED by it-police: the new version ${BY} was not shared with your agency — notices ${A}`,
    );
  });

  test('a view says "reply to", "updates" and "superseded by"', () => {
    const reply = viewOf(B, [{ path: 'relations/r1', category: 'relation', relation: { kind: 'REPLY', noticeId: A } }]);
    const update = viewOf(BY, [{ path: 'relations/r2', category: 'relation', relation: { kind: 'UPDATE', noticeId: A } }]);
    const printed = formatItems([
      { deliverySeq: 1, view: viewOf(A), supersededBy: { noticeId: BY, shared: true } },
      { deliverySeq: 2, view: reply },
      { deliverySeq: 3, view: update },
    ]);
    expect(printed).toContain(`superseded by ${BY}`);
    expect(printed).toContain(`reply to ${A}`);
    expect(printed).toContain(`updates ${A}`);
  });

  test('a superseded view whose new version was not shared says that, not "superseded by"', () => {
    const printed = formatItems([{ deliverySeq: 1, view: viewOf(A), supersededBy: { noticeId: BY, shared: false } }]);
    expect(printed).toContain('the new version was not shared with your agency');
    expect(printed).not.toContain('superseded by');
  });

  test('items print in delivery order, whichever list they came from', () => {
    const printed = formatItems([
      { deliverySeq: 5, tombstone: withdrawal },
      { deliverySeq: 2, view: viewOf(A) },
    ]);
    expect(printed.indexOf(`notice ${A}`)).toBeLessThan(printed.indexOf('WITHDRAWN by'));
  });

  test('a hostile reason is shown escaped, on its line', () => {
    const printed = formatItems([{ deliverySeq: 1, tombstone: { ...withdrawal, reason: '\u001b[2J gone\nnext' } }]);
    expect(printed).toContain('\\u001b[2J gone\\nnext');
  });

  test('the JSON document lists views (with their supersession), what withdrawals left, and tombstones apart', () => {
    const items: InboxItem[] = [
      { deliverySeq: 1, view: viewOf(A), supersededBy: { noticeId: B, shared: true } },
      { deliverySeq: 2, noticeId: B, withdrawn: { ...withdrawal, withdrawnAt: 'x' } },
      { deliverySeq: 3, tombstone: withdrawal },
    ];
    const doc = inboxDocument(items, []);
    expect(doc.views).toEqual([{ ...viewOf(A), supersededBy: { noticeId: B, shared: true } }]);
    expect(doc.withdrawn).toEqual([{ deliverySeq: 2, noticeId: B, withdrawn: { ...withdrawal, withdrawnAt: 'x' } }]);
    expect(doc.tombstones).toEqual([{ deliverySeq: 3, tombstone: withdrawal }]);
    expect(doc.rejected).toEqual([]);
    expect(itemJson({ deliverySeq: 3, tombstone: withdrawal })).toEqual({ deliverySeq: 3, tombstone: withdrawal });
  });
});
