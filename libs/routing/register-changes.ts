import type { RecordChange } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { v1 } from '../proto/index.js';

/** A record to change, apart from the stored one. */
function copyOf(record: v1.NoticeRecord.$Properties): v1.NoticeRecord {
  return v1.NoticeRecord.decode(v1.NoticeRecord.encode(record).finish());
}

/** The deliveries already recorded, then those added that are not (by delivery sequence). */
function withDeliveries(record: v1.NoticeRecord, added: readonly v1.RecordedDelivery.$Properties[]): v1.NoticeRecord {
  const known = new Set(record.deliveries.map((d) => Number(d.deliverySeq)));
  for (const d of added) if (!known.has(Number(d.deliverySeq))) record.deliveries.push(v1.RecordedDelivery.create(d));
  return record;
}

/**
 * A notice's own record once its views are stored. A redelivered submission finds its
 * record there already: what happened to the notice since (updated, withdrawn, a
 * supplementary view) stays, the deliveries are merged.
 */
export function ownRecord(own: v1.NoticeRecord.$Properties): RecordChange {
  return (current) => {
    if (!current) return own;
    const next = withDeliveries(copyOf(current), own.deliveries ?? []);
    next.manifestDigest = own.manifestDigest ?? next.manifestDigest;
    next.supersedes = own.supersedes ?? '';
    if (!next.withdrawnBy && own.withdrawnBy) next.withdrawnBy = own.withdrawnBy;
    return next;
  };
}

/**
 * The version an UPDATE or WITHDRAWAL names, claimed for it before anything is delivered,
 * so that of two sent at once (an update and a withdrawal of the same version, say) one
 * wins and the other is refused (E_RELATION, nothing stored). Claimed already by the same
 * notice (a redelivery): nothing to do.
 */
export function claimedBy(kind: 'update' | 'withdrawal', by: string): RecordChange {
  return (current) => {
    if (!current) return undefined;
    const holder = current.withdrawnBy || current.supersededBy;
    if (holder === by) return undefined;
    if (holder)
      throw new AccordError(
        'E_RELATION',
        `${current.noticeId} was ${current.withdrawnBy ? 'withdrawn' : 'updated'} by ${holder} meanwhile`,
        {
          path: 'relations',
        },
      );
    const next = copyOf(current);
    if (kind === 'update') next.supersededBy = by;
    else next.withdrawnBy = by;
    return next;
  };
}

/** A claim given up: the notice that made it was refused after all. */
export function unclaimedBy(by: string): RecordChange {
  return (current) => {
    if (!current || (current.supersededBy !== by && current.withdrawnBy !== by)) return undefined;
    const next = copyOf(current);
    if (next.supersededBy === by) next.supersededBy = '';
    if (next.withdrawnBy === by) next.withdrawnBy = '';
    return next;
  };
}

/** Every version a withdrawal reached, marked withdrawn by it. */
export function withdrawnBy(by: string): RecordChange {
  return (current) => {
    if (!current || current.withdrawnBy === by) return undefined;
    const next = copyOf(current);
    next.withdrawnBy = by;
    return next;
  };
}

/** A supplementary view, recorded beside the recipient's others (a withdrawal erases it with them). */
export function withDelivery(delivery: v1.RecordedDelivery.$Properties): RecordChange {
  return (current) => (current ? withDeliveries(copyOf(current), [delivery]) : undefined);
}
