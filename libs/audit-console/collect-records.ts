import { recordMatches, type ReplayFilter } from '../audit/index.js';
import { v1, type AuditRecord } from '../proto/index.js';
import type { RecordRow, RecordsModel, RecordsQuery } from './audit-console-models.js';
import type { ParsedRecordsQuery } from './records-query.js';
import { RECORDS_PAGE_SIZE } from './records-query.js';
import { recordRow } from './record-row.js';

/** The records page's filters as `audit replay` takes them (the same matching: libs/audit's recordMatches). */
export function replayFilterOf(query: RecordsQuery): ReplayFilter {
  return {
    notice: query.notice,
    agency: query.agency,
    kind: query.kind === undefined ? undefined : v1.AuditKind[query.kind],
    since: query.since,
    until: query.until,
  };
}

/**
 * One page of the records that match, read as the chain goes by: only that page's rows
 * are kept (memory bounded by the page size), the rest are counted.
 */
export class RecordsCollector {
  private readonly filter: ReplayFilter;
  private readonly first: number;
  private readonly rows: RecordRow[] = [];
  private matched = 0;
  private height = 0;

  constructor(
    private readonly parsed: ParsedRecordsQuery,
    private readonly pageSize = RECORDS_PAGE_SIZE,
  ) {
    this.filter = replayFilterOf(parsed.query);
    this.first = (parsed.query.page - 1) * pageSize;
  }

  push(chained: v1.ChainedRecord.$Properties): void {
    const index = this.height;
    this.height += 1;
    // Filters that are not valid show nothing rather than more than asked for.
    if (this.parsed.invalid.length > 0) return;
    let record: AuditRecord;
    try {
      record = v1.AuditRecord.decode(chained.body ?? new Uint8Array());
    } catch {
      return; // verification names it; a list shows what it can read
    }
    if (!recordMatches(record, index, this.filter)) return;
    if (this.matched >= this.first && this.rows.length < this.pageSize) this.rows.push(recordRow(record, index, chained.hash));
    this.matched += 1;
  }

  model(): RecordsModel {
    return {
      query: this.parsed.query,
      typed: this.parsed.typed,
      invalid: this.parsed.invalid,
      rows: this.rows,
      matched: this.matched,
      pageSize: this.pageSize,
      height: this.height,
    };
  }
}
