import { describe, expect, test } from 'vitest';
import { auditRecordToJson } from '../../libs/audit/index.js';
import { timestampFromDate, v1, type AuditRecord } from '../../libs/proto/index.js';

const record = (event: v1.AuditEvent.$Properties): AuditRecord =>
  v1.AuditRecord.create({ index: 7, prevHash: new Uint8Array(32), event, appendedAt: timestampFromDate(new Date('2026-12-02T00:00:01Z')) });

describe('statistics in the audit records as replay prints them', () => {
  test('a release names its period, its version, the SHA-256 of its text and the research agencies it went to', () => {
    const json = auditRecordToJson(
      record({
        eventId: 'statistics/2026-11/2',
        kind: v1.AuditKind.STATISTICS,
        service: 'statistics',
        period: '2026-11',
        releaseVersion: 2,
        digest: new Uint8Array(32).fill(1),
        recipients: ['un-research'],
      }),
    );
    expect(json).toMatchObject({ kind: 'STATISTICS', period: '2026-11', releaseVersion: 2, recipients: ['un-research'] });
    expect(json.digest).toBe(Buffer.alloc(32, 1).toString('base64url'));
  });

  test("an issuer's choice of what counts shows its levels, and none as none", () => {
    const choice = (countedTlp: v1.Tlp[]) =>
      auditRecordToJson(
        record({ kind: v1.AuditKind.POLICY, service: 'admin', agency: 'it-police', action: 'statistics-counting', countedTlp }),
      );
    expect(choice([v1.Tlp.CLEAR, v1.Tlp.GREEN]).countedTlp).toEqual(['CLEAR', 'GREEN']);
    expect(choice([]).countedTlp).toEqual([]);
  });

  test('records of other kinds carry no statistics fields', () => {
    const json = auditRecordToJson(record({ kind: v1.AuditKind.ROUTED, service: 'routing', noticeId: 'n' }));
    expect(json).not.toHaveProperty('period');
    expect(json).not.toHaveProperty('countedTlp');
  });
});
