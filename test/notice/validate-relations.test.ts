import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { parseNoticeJson, validateNotice } from '../../libs/notice/index.js';
import { messageToJson, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const { REPLY, UPDATE, WITHDRAWAL } = v1.RelationKind;

function failure(notice: CaseNoticeProps): { code?: string; path?: string; message?: string } {
  try {
    validateNotice(notice);
  } catch (error) {
    return error as { code: string; path: string; message: string };
  }
  return {};
}

const withRelations = (...relations: v1.Relation.$Properties[]): CaseNoticeProps => sampleNotice('it-police', { relations });

/** A withdrawal as `accord withdraw` makes one: its reason, its code, nothing else. */
function withdrawal(overrides: Partial<CaseNoticeProps> = {}): CaseNoticeProps {
  return sampleNotice('it-police', {
    persons: [],
    conveyances: [],
    financial: [],
    locations: [],
    summary: 'Issued in error.',
    relations: [{ kind: WITHDRAWAL, noticeId: randomUUID(), withdrawalCode: v1.WithdrawalCode.INACCURATE }],
    ...overrides,
  });
}

describe('relations a notice may carry', () => {
  test('a reply and an update, each to another notice', () => {
    expect(failure(withRelations({ kind: REPLY, noticeId: randomUUID() }, { kind: UPDATE, noticeId: randomUUID() }))).toEqual({});
  });

  test('a withdrawal with its reason and code', () => {
    expect(failure(withdrawal())).toEqual({});
  });

  test('relations in notice JSON, kinds and codes by name', () => {
    const id = randomUUID();
    const json = {
      ...messageToJson('accord.v1.CaseNotice', withdrawal()),
      relations: [{ kind: 'WITHDRAWAL', noticeId: id, withdrawalCode: 'WRONG_PERSON' }],
    };
    expect(parseNoticeJson(JSON.stringify(json)).relations).toEqual([
      expect.objectContaining({ kind: WITHDRAWAL, noticeId: id, withdrawalCode: v1.WithdrawalCode.WRONG_PERSON }),
    ]);
  });
});

describe('a relation is refused as E_SCHEMA, naming the field, when', () => {
  test('its kind is UNSPECIFIED', () => {
    expect(failure(withRelations({ kind: 0, noticeId: randomUUID() }))).toMatchObject({ code: 'E_SCHEMA', path: 'relations[0].kind' });
  });

  test('it names no UUID', () => {
    expect(failure(withRelations({ kind: REPLY, noticeId: 'the last one' })).path).toBe('relations[0].noticeId');
  });

  test('it names the notice itself', () => {
    const notice = withRelations();
    notice.relations = [{ kind: REPLY, noticeId: notice.noticeId ?? '' }];
    expect(failure(notice).path).toBe('relations[0].noticeId');
  });

  test('it names a notice already named', () => {
    const id = randomUUID();
    expect(failure(withRelations({ kind: REPLY, noticeId: id }, { kind: UPDATE, noticeId: id })).path).toBe('relations[1].noticeId');
  });

  test('a notice updates two notices', () => {
    expect(failure(withRelations({ kind: UPDATE, noticeId: randomUUID() }, { kind: UPDATE, noticeId: randomUUID() })).path).toBe(
      'relations[1]',
    );
  });

  test('a reply carries a withdrawal code', () => {
    expect(failure(withRelations({ kind: REPLY, noticeId: randomUUID(), withdrawalCode: v1.WithdrawalCode.OTHER })).path).toBe(
      'relations[0].withdrawalCode',
    );
  });

  test('a withdrawal has no code, and the message lists the codes', () => {
    const refused = failure(withdrawal({ relations: [{ kind: WITHDRAWAL, noticeId: randomUUID() }] }));
    expect(refused.path).toBe('relations[0].withdrawalCode');
    expect(refused.message).toContain('WRONG_PERSON');
  });

  test('a withdrawal also replies to another notice', () => {
    const notice = withdrawal();
    notice.relations = [...(notice.relations ?? []), { kind: REPLY, noticeId: randomUUID() }];
    expect(failure(notice).path).toBe('relations');
  });

  test('a withdrawal carries an element, which no recipient would ever receive', () => {
    expect(failure(withdrawal({ persons: sampleNotice('it-police').persons ?? [] })).path).toBe('persons[0]');
  });

  test('a withdrawal gives no reason', () => {
    expect(failure(withdrawal({ summary: '  ' })).path).toBe('summary');
  });

  test("a withdrawal's reason is marked up", () => {
    expect(failure(withdrawal({ summary: 'About {{persons[0]}}' })).path).toBe('summary');
  });
});
