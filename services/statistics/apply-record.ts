import { foldRecord, markChanged, threadKeyOf, type PeriodScheme } from '../../libs/statistics/index.js';
import type { v1 } from '../../libs/proto/index.js';
import type { StatisticsState } from './statistics-state.js';

/**
 * Applies one of routing's records to the state: the thread it changes, the link from
 * its own id to that thread (so a later version finds it), then its period's change
 * count. Each step writes a whole value, so a record applied again after a crash at any
 * step writes the same. A record that changes nothing (applied before the crash) counts
 * no change; it only makes sure its period is known, should the crash have come first.
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
  await state.changePeriod(thread.period, (current, stored) => (next ? markChanged(current, now) : stored ? undefined : current));
}
