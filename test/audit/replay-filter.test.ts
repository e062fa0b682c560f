import { describe, expect, test } from 'vitest';
import { recordMatches } from '../../libs/audit/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';

const record = v1.AuditRecord.create({
  index: 7,
  event: {
    kind: v1.AuditKind.VIEW,
    noticeId: 'n-1',
    agency: 'it-police',
    recipient: 'ly-coastguard',
    time: timestampFromDate(new Date('2026-11-29T08:00:00Z')),
  },
});

describe('audit replay filters', () => {
  test('no filter shows every record', () => {
    expect(recordMatches(record, 7, {})).toBe(true);
  });

  test('the index range includes both ends', () => {
    expect(recordMatches(record, 7, { from: 7, to: 7 })).toBe(true);
    expect(recordMatches(record, 7, { from: 8 })).toBe(false);
    expect(recordMatches(record, 7, { to: 6 })).toBe(false);
  });

  test('--since includes its instant, --until excludes it', () => {
    const at = new Date('2026-11-29T08:00:00Z');
    expect(recordMatches(record, 7, { since: at })).toBe(true);
    expect(recordMatches(record, 7, { until: at })).toBe(false);
    expect(recordMatches(record, 7, { until: new Date('2026-11-29T08:00:01Z') })).toBe(true);
  });

  test('an agency matches as the actor or as the recipient, not otherwise', () => {
    expect(recordMatches(record, 7, { agency: 'it-police' })).toBe(true);
    expect(recordMatches(record, 7, { agency: 'ly-coastguard' })).toBe(true);
    expect(recordMatches(record, 7, { agency: 'gr-police' })).toBe(false);
  });

  test('notice id and kind must both match when both are given', () => {
    expect(recordMatches(record, 7, { notice: 'n-1', kind: v1.AuditKind.VIEW })).toBe(true);
    expect(recordMatches(record, 7, { notice: 'n-1', kind: v1.AuditKind.RECEIPT })).toBe(false);
    expect(recordMatches(record, 7, { notice: 'n-2', kind: v1.AuditKind.VIEW })).toBe(false);
  });
});
