import { foldRecord, markChanged, threadKeyOf, type PeriodScheme } from '../../libs/statistics/index.js';
import type { v1 } from '../../libs/proto/index.js';
import type { StatisticsState } from './statistics-state.js';

/**
 * Applies one of routing's records to the state: the thread it changes, the link from
 * its own id to that thread (so a later version finds it), then its period's state (the
 * notice marked as changed). Each step writes a whole value or adds to a set, so a record
 * applied again after a crash at any step leaves the same state, and a crash before the
 * last step is made good by the redelivery.
 */
export async function applyStatisticsRecord(
  state: StatisticsState,
  record: v1.StatisticsRecord,
  scheme: PeriodScheme,
  now: Date,
): Promise<void> {
  const link = await state.link(threadKeyOf(record));
  const found = link ? await state.thread(link) : undefined;
  const next = foldRecord(record, found, scheme);
  if (next) await state.putThread(next);
  const thread = next ?? found;
  if (!thread) return;
  await state.putLink(record.noticeId, thread);
  await state.changePeriod(thread.period, (current) => markChanged(current, thread.root, now));
}
