import { describe, expect, test } from 'vitest';
import { WITHDRAWAL_ROUTE_COUNTRY, withdrawalNotice, type WithdrawalInput } from '../../libs/client/index.js';
import { discloseNotice } from '../../libs/disclosure/index.js';
import { validateNotice, withdrawalCodeNames } from '../../libs/notice/index.js';
import { dateFromTimestamp, v1 } from '../../libs/proto/index.js';

const WITHDRAWN = '5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11';
const FRESH = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const NOW = new Date('2026-12-03T10:00:00Z');

function withdraw(overrides: Partial<WithdrawalInput> = {}) {
  return withdrawalNotice({
    as: 'it-police',
    withdrawnNoticeId: WITHDRAWN,
    reason: 'The vessel reported was another one.',
    now: NOW,
    freshNoticeId: () => FRESH,
    ...overrides,
  });
}

describe('the withdrawal notice (accord withdraw)', () => {
  test('passes the schema as ingest checks it', () => {
    expect(() => validateNotice(withdraw({ code: 'INACCURATE' }))).not.toThrow();
  });

  test('is a fresh RED CASE_UPDATE of the issuer, addressed to no one, whose summary is the reason', () => {
    const notice = withdraw();
    expect(notice.noticeId).toBe(FRESH);
    expect(notice.issuingAgency).toBe('it-police');
    expect(dateFromTimestamp(notice.issuedAt)).toEqual(NOW);
    expect(notice.type).toBe(v1.NoticeType.CASE_UPDATE);
    expect(notice.tlp).toBe(v1.Tlp.RED);
    expect(notice.addressees).toEqual([]);
    expect(notice.caseRef).toBe(`withdrawal of ${WITHDRAWN}`);
    expect(notice.mode).toBe(v1.Mode.LAND);
    expect(notice.route?.destination).toEqual([WITHDRAWAL_ROUTE_COUNTRY]);
    expect(notice.summary).toBe('The vessel reported was another one.');
    expect(notice.persons).toEqual([]);
  });

  test('discloses its reason and its relation, and nothing else', () => {
    const paths = discloseNotice(withdraw()).disclosures.map((d) => v1.Disclosure.decode(d).path);
    expect(paths.map((p) => p.replace(/\/[^/]+$/, '/<id>')).sort()).toEqual(['relations/<id>', 'summary']);
  });

  test('carries one relation, the WITHDRAWAL with its code, OTHER unless given', () => {
    expect(withdraw().relations).toEqual([
      v1.Relation.create({ kind: v1.RelationKind.WITHDRAWAL, noticeId: WITHDRAWN, withdrawalCode: v1.WithdrawalCode.OTHER }),
    ]);
    for (const code of withdrawalCodeNames()) {
      expect(withdraw({ code }).relations[0]?.withdrawalCode).toBe(v1.WithdrawalCode[code as keyof typeof v1.WithdrawalCode]);
    }
  });

  test('a code that is not a withdrawal code is a usage error listing the valid ones', () => {
    for (const code of ['WRONG', 'other', 'WITHDRAWAL_CODE_UNSPECIFIED', '6']) {
      expect(() => withdraw({ code }), code).toThrow(
        expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining(withdrawalCodeNames().join(', ')) }),
      );
    }
  });

  test('a reason the schema refuses (empty, marked up, a control character) is a usage error naming --reason', () => {
    for (const reason of ['  ', 'Wrong person: {{persons[0]}}', 'bell \u0007']) {
      expect(() => withdraw({ reason }), reason).toThrow(
        expect.objectContaining({ code: 'E_USAGE', message: expect.stringMatching(/^--reason: /) }),
      );
    }
  });
});
