import { dateFromTimestamp, type AuditRecord } from '../proto/index.js';

/** What `audit replay` shows: every filter given must match (index range inclusive; time from `since`, before `until`). */
export interface ReplayFilter {
  from?: number | undefined;
  to?: number | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  notice?: string | undefined;
  agency?: string | undefined;
  kind?: number | undefined;
}

/** An agency matches the records about it: as actor, recipient or one of the recipients. */
export function recordMatches(record: AuditRecord, index: number, f: ReplayFilter): boolean {
  const e = record.event ?? {};
  if (f.from !== undefined && index < f.from) return false;
  if (f.to !== undefined && index > f.to) return false;
  const time = dateFromTimestamp(e.time ?? record.appendedAt);
  if (f.since && time < f.since) return false;
  if (f.until && time >= f.until) return false;
  if (f.notice && e.noticeId !== f.notice) return false;
  if (f.agency && e.agency !== f.agency && e.recipient !== f.agency && !(e.recipients ?? []).includes(f.agency)) return false;
  if (f.kind !== undefined && e.kind !== f.kind) return false;
  return true;
}
