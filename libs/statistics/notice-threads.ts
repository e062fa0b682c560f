import { dateFromTimestamp, type v1 } from '../proto/index.js';
import type { CountedNotice } from './counted-notice.js';
import { periodOf, type PeriodScheme } from './periods.js';
import { countedNoticeOf } from './statistics-record.js';

/**
 * A counted notice with its versions: counted once, in the period of its first version's
 * `issuedAt`, with the content of its latest counted version; out of the counts once
 * withdrawn, or once its latest version is one its issuer does not count.
 */
export interface NoticeThread {
  /** The first version counted. */
  root: string;
  period: string;
  latest: string;
  /** Every record applied to it (versions and the withdrawal), so a redelivered one changes nothing. */
  applied: string[];
  withdrawn: boolean;
  /** What the tables count; absent when withdrawn or when the latest version is not counted. */
  notice?: CountedNotice;
}

/** The notice a record changes: the one it withdraws or updates, else itself. */
export function threadKeyOf(record: v1.StatisticsRecord): string {
  return record.withdraws || record.updates || record.noticeId;
}

/**
 * The thread as `record` leaves it, given the thread its threadKeyOf belongs to (if the
 * statistics know one); undefined when the record changes nothing (already applied, or
 * withdrawing or updating into nothing countable that was never counted). A withdrawal
 * or an update is not a notice of its own: it changes the one it names.
 */
export function foldRecord(record: v1.StatisticsRecord, found: NoticeThread | undefined, scheme: PeriodScheme): NoticeThread | undefined {
  if (found?.applied.includes(record.noticeId)) return undefined;
  if (found) {
    const applied = [...found.applied, record.noticeId];
    if (record.withdraws || found.withdrawn) {
      const { notice: _withdrawn, ...rest } = found;
      return { ...rest, applied, withdrawn: true };
    }
    if (record.updates) {
      const { notice: _superseded, ...rest } = found;
      return { ...rest, applied, latest: record.noticeId, ...(record.counted ? { notice: countedNoticeOf(record) } : {}) };
    }
    return undefined;
  }
  if (!record.counted || record.withdraws) return undefined;
  return {
    root: record.noticeId,
    period: periodOf(scheme, dateFromTimestamp(record.issuedAt)),
    latest: record.noticeId,
    applied: [record.noticeId],
    withdrawn: false,
    notice: countedNoticeOf(record),
  };
}
