import { AUDIT_KINDS, auditKindName, type AuditKindName } from '../audit/index.js';
import { dateFromTimestamp, v1 } from '../proto/index.js';
import type { ChartsModel, DayCounts } from './audit-console-models.js';

/** Days the per-day chart shows: the last ones with records. */
export const CHART_DAYS = 31;

const KNOWN = new Set<string>(AUDIT_KINDS);

/**
 * Counts records per day (UTC) and kind, and quarantines per reason code, as the chain
 * goes by. Memory: a counter per day with records and kind, and per code, not per record.
 */
export class ChartsCollector {
  private readonly days = new Map<string, Map<AuditKindName, number>>();
  private readonly codes = new Map<string, number>();

  constructor(private readonly maxDays = CHART_DAYS) {}

  push(chained: v1.ChainedRecord.$Properties): void {
    let record: v1.AuditRecord;
    try {
      record = v1.AuditRecord.decode(chained.body ?? new Uint8Array());
    } catch {
      return;
    }
    const e = record.event ?? {};
    const kind = auditKindName(e.kind);
    if (!KNOWN.has(kind)) return;
    const time = dateFromTimestamp(e.time ?? record.appendedAt);
    if (Number.isNaN(time.getTime())) return;
    const day = time.toISOString().slice(0, 10);
    let counts = this.days.get(day);
    if (!counts) this.days.set(day, (counts = new Map()));
    counts.set(kind as AuditKindName, (counts.get(kind as AuditKindName) ?? 0) + 1);
    if (e.kind === v1.AuditKind.QUARANTINED) {
      const code = e.code ?? '';
      this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
    }
  }

  model(): ChartsModel {
    const all = [...this.days.keys()].sort();
    const shown = all.slice(-this.maxDays);
    const days: DayCounts[] = shown.map((day) => {
      const counts = this.days.get(day) ?? new Map<AuditKindName, number>();
      let total = 0;
      for (const n of counts.values()) total += n;
      return { day, counts: Object.fromEntries(counts) as Partial<Record<AuditKindName, number>>, total };
    });
    const kinds = AUDIT_KINDS.filter((k) => days.some((d) => (d.counts[k] ?? 0) > 0));
    const quarantines = [...this.codes.entries()]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
    return { days, totalDays: all.length, kinds, quarantines };
  }
}
