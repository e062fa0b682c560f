import { describe, expect, test } from 'vitest';
import { decodeNotice, encodeNotice, parseNoticeJson, validateNotice } from '../../libs/notice/index.js';
import { messageToJson, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const { NO_ONWARD_SHARING, NOT_FOR_COURT_WITHOUT_CONSENT, CONSENT_BEFORE_ACTION } = v1.HandlingCode;

function failure(notice: CaseNoticeProps): { code?: string; path?: string } {
  try {
    validateNotice(notice);
  } catch (error) {
    return error as { code: string; path: string };
  }
  return {};
}

describe('handling codes are validated as a closed list', () => {
  test('every defined code, each once, is accepted', () => {
    expect(
      failure(sampleNotice('it-police', { handling: [NO_ONWARD_SHARING, NOT_FOR_COURT_WITHOUT_CONSENT, CONSENT_BEFORE_ACTION] })),
    ).toEqual({});
  });

  test('HANDLING_CODE_UNSPECIFIED is refused as E_SCHEMA naming its place', () => {
    expect(failure(sampleNotice('it-police', { handling: [NO_ONWARD_SHARING, v1.HandlingCode.HANDLING_CODE_UNSPECIFIED] }))).toMatchObject({
      code: 'E_SCHEMA',
      path: 'handling[1]',
    });
  });

  test('a number the schema does not define is refused', () => {
    expect(failure(sampleNotice('it-police', { handling: [7 as v1.HandlingCode] }))).toMatchObject({
      code: 'E_SCHEMA',
      path: 'handling[0]',
    });
  });

  test('a code listed twice is refused at its second place', () => {
    expect(
      failure(sampleNotice('it-police', { handling: [CONSENT_BEFORE_ACTION, NO_ONWARD_SHARING, CONSENT_BEFORE_ACTION] })),
    ).toMatchObject({
      code: 'E_SCHEMA',
      path: 'handling[2]',
    });
  });
});

describe('handling codes in the notice JSON', () => {
  const json = {
    noticeId: '0b6f1b5e-3c1d-4a8e-9f0a-2d4b6c8e0f12',
    issuingAgency: 'it-police',
    issuedAt: '2026-11-29T08:30:00Z',
    caseRef: 'IT-1',
    type: 'ALERT',
    tlp: 'AMBER',
    mode: 'SEA',
    route: { origin: ['LY'] },
    handling: ['NO_ONWARD_SHARING', 'CONSENT_BEFORE_ACTION'],
  };

  test('are read by their enum names and survive the wire and back to JSON unchanged', () => {
    const notice = parseNoticeJson(JSON.stringify(json));
    expect(notice.handling).toEqual([NO_ONWARD_SHARING, CONSENT_BEFORE_ACTION]);
    expect(messageToJson('accord.v1.CaseNotice', decodeNotice(encodeNotice(notice)))).toEqual(json);
  });

  test('an unknown name is refused with its path', () => {
    expect(() => parseNoticeJson(JSON.stringify({ ...json, handling: ['NO_ONWARD_SHARING', 'SHARE_FREELY'] }))).toThrow(
      expect.objectContaining({ code: 'E_SCHEMA', path: 'handling[1]' }),
    );
  });
});
