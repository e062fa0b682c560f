import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { v1 } from '../../libs/proto/index.js';
import { claimedBy, ownRecord, unclaimedBy, withDelivery, withdrawnBy } from '../../libs/routing/index.js';

const noticeId = randomUUID();
const stored = (fields: Partial<v1.NoticeRecord.$Properties> = {}): v1.NoticeRecord =>
  v1.NoticeRecord.create({ noticeId, issuingAgency: 'it-police', deliveries: [{ agency: 'ly-coastguard', deliverySeq: 4 }], ...fields });

describe('a notice claimed by the update or withdrawal that names it', () => {
  test('is claimed when no other notice holds it', () => {
    const update = randomUUID();
    expect(claimedBy('update', update)(stored())).toMatchObject({ supersededBy: update });
  });

  test('held by another notice refuses the claim: E_RELATION, so the second of two racing is quarantined', () => {
    expect(() => claimedBy('withdrawal', randomUUID())(stored({ supersededBy: randomUUID() }))).toThrow(
      expect.objectContaining({ code: 'E_RELATION' }),
    );
  });

  test('held by the same notice already (a redelivery) is left as it is', () => {
    const update = randomUUID();
    expect(claimedBy('update', update)(stored({ supersededBy: update }))).toBeUndefined();
  });

  test('is given up again when the notice that claimed it is refused', () => {
    const update = randomUUID();
    expect(unclaimedBy(update)(stored({ supersededBy: update }))?.supersededBy).toBe('');
  });
});

describe("a notice's own record, written again by a redelivery", () => {
  test('keeps what happened since: withdrawn, and a supplementary view', () => {
    const withdrawal = randomUUID();
    const current = stored({
      withdrawnBy: withdrawal,
      deliveries: [
        { agency: 'ly-coastguard', deliverySeq: 4 },
        { agency: 'gr-coastguard', deliverySeq: 9 },
      ],
    });
    const again = ownRecord({ noticeId, issuingAgency: 'it-police', deliveries: [{ agency: 'ly-coastguard', deliverySeq: 4 }] })(current);
    expect(again).toMatchObject({ withdrawnBy: withdrawal });
    expect(again?.deliveries?.map((d) => Number(d.deliverySeq))).toEqual([4, 9]);
  });
});

describe('the changes of a withdrawal and of a release', () => {
  test('a withdrawal marks each version it reached', () => {
    const withdrawal = randomUUID();
    expect(withdrawnBy(withdrawal)(stored())?.withdrawnBy).toBe(withdrawal);
  });

  test('a supplementary view is added once, however often it is recorded', () => {
    const add = withDelivery({ agency: 'gr-coastguard', deliverySeq: 12 });
    const once = add(stored());
    expect(add(v1.NoticeRecord.create(once ?? {}))?.deliveries?.map((d) => Number(d.deliverySeq))).toEqual([4, 12]);
  });
});
