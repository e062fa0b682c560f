import { describe, expect, test } from 'vitest';
import { relateNotice, type RelateNoticeInput } from '../../libs/client/index.js';
import { noticeFromJsonObject, validateNotice } from '../../libs/notice/index.js';
import { dateFromTimestamp, v1 } from '../../libs/proto/index.js';

const EARLIER = '5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11';
const OLDER = '0b6d3c1e-2f4a-4b5c-8d6e-7f8091a2b3c4';
const FRESH = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const NOW = new Date('2026-12-03T10:00:00Z');

/** A reply as a coastguard writes it: notice JSON, without the fields the verb fills in. */
function replyJson(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseRef: 'LY-CG-2026-0101',
    type: 'INTELLIGENCE_REPORT',
    tlp: 'AMBER',
    mode: 'SEA',
    route: { origin: ['LY'], destination: ['IT'] },
    summary: 'The boat was intercepted off Zuwara at 06:10.',
    ...extra,
  };
}

function relate(json: Record<string, unknown>, overrides: Partial<RelateNoticeInput> = {}) {
  return relateNotice({
    notice: noticeFromJsonObject(json),
    as: 'ly-coastguard',
    kind: v1.RelationKind.REPLY,
    relatedNoticeId: EARLIER,
    now: NOW,
    freshNoticeId: () => FRESH,
    ...overrides,
  });
}

describe('a notice related to an earlier one (accord reply, accord update)', () => {
  test('a reply gains its REPLY relation and keeps the relations the file has', () => {
    const { notice } = relate(replyJson({ relations: [{ kind: 'REPLY', noticeId: OLDER }] }));
    expect(notice.relations.map((r) => [r.kind, r.noticeId])).toEqual([
      [v1.RelationKind.REPLY, OLDER],
      [v1.RelationKind.REPLY, EARLIER],
    ]);
  });

  test('a file without noticeId, issuedAt or issuingAgency gets a fresh id, now and the publisher, each said', () => {
    const { notice, changes } = relate(replyJson());
    expect(notice.noticeId).toBe(FRESH);
    expect(dateFromTimestamp(notice.issuedAt)).toEqual(NOW);
    expect(notice.issuingAgency).toBe('ly-coastguard');
    expect(changes.join('\n')).toMatch(
      /^issuingAgency: ly-coastguard \(the file had none\)\nnoticeId: 9a8b7c6d-.*none\)\nissuedAt: now, 2026-12-03T10:00:00.000Z/,
    );
  });

  test("a file with the earlier notice's own noticeId (an edited copy) gets a fresh id and issuedAt now", () => {
    const { notice, changes } = relate(
      replyJson({ noticeId: EARLIER.toUpperCase(), issuedAt: '2026-12-01T08:00:00Z', issuingAgency: 'ly-coastguard' }),
    );
    expect(notice.noticeId).toBe(FRESH);
    expect(dateFromTimestamp(notice.issuedAt)).toEqual(NOW);
    expect(changes).toHaveLength(2);
    expect(changes[0]).toContain(`the file had ${EARLIER}'s own`);
  });

  test('a noticeId and issuedAt of its own are kept, and nothing is said', () => {
    const own = replyJson({ noticeId: OLDER, issuedAt: '2026-12-03T09:59:00Z', issuingAgency: 'ly-coastguard' });
    const { notice, changes } = relate(own, { relatedIssuer: 'it-police' });
    expect(notice.noticeId).toBe(OLDER);
    expect(dateFromTimestamp(notice.issuedAt)).toEqual(new Date('2026-12-03T09:59:00Z'));
    expect(changes).toEqual([
      'addressees: it-police added, the issuer of 5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11 (a reply is addressed to it)',
    ]);
  });

  test("a reply is addressed to the earlier notice's issuer once, added only where missing", () => {
    expect(relate(replyJson({ addressees: ['mt-police'] }), { relatedIssuer: 'it-police' }).notice.addressees).toEqual([
      'mt-police',
      'it-police',
    ]);
    const already = relate(replyJson({ addressees: ['it-police'] }), { relatedIssuer: 'it-police' });
    expect(already.notice.addressees).toEqual(['it-police']);
    expect(already.changes.some((c) => c.startsWith('addressees'))).toBe(false);
  });

  test('an update adds no addressee: it goes where its own TLP and policy send it', () => {
    const { notice } = relate(replyJson({ issuingAgency: 'ly-coastguard' }), { kind: v1.RelationKind.UPDATE, relatedIssuer: 'it-police' });
    expect(notice.addressees).toEqual([]);
    expect(notice.relations.map((r) => [r.kind, r.noticeId])).toEqual([[v1.RelationKind.UPDATE, EARLIER]]);
  });

  test("an update of an edited version replaces that version's UPDATE of the one before it", () => {
    const edited = replyJson({
      noticeId: EARLIER,
      relations: [
        { kind: 'UPDATE', noticeId: OLDER },
        { kind: 'REPLY', noticeId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' },
      ],
    });
    const { notice, changes } = relate(edited, { kind: v1.RelationKind.UPDATE });
    expect(notice.relations.map((r) => [r.kind, r.noticeId])).toEqual([
      [v1.RelationKind.REPLY, '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f'],
      [v1.RelationKind.UPDATE, EARLIER],
    ]);
    expect(changes.some((c) => c.includes(`the UPDATE of ${OLDER} dropped`))).toBe(true);
  });

  test('the relation the file has already is not added twice; one of another kind to the same notice is refused', () => {
    expect(relate(replyJson({ relations: [{ kind: 'REPLY', noticeId: EARLIER }] })).notice.relations).toHaveLength(1);
    expect(() => relate(replyJson({ relations: [{ kind: 'UPDATE', noticeId: EARLIER }] }))).toThrow(
      expect.objectContaining({ code: 'E_USAGE', path: 'relations[0]' }),
    );
  });

  test("another agency's issuingAgency is refused as a usage error", () => {
    expect(() => relate(replyJson({ issuingAgency: 'it-police' }))).toThrow(
      expect.objectContaining({ code: 'E_USAGE', path: 'issuingAgency' }),
    );
  });

  test('the related notice passes the schema', () => {
    expect(() => validateNotice(relate(replyJson(), { relatedIssuer: 'it-police' }).notice)).not.toThrow();
  });

  test("the file's notice is not changed in place", () => {
    const given = noticeFromJsonObject(replyJson());
    relateNotice({
      notice: given,
      as: 'ly-coastguard',
      kind: v1.RelationKind.REPLY,
      relatedNoticeId: EARLIER,
      relatedIssuer: 'it-police',
      now: NOW,
      freshNoticeId: () => FRESH,
    });
    expect(given.relations).toEqual([]);
    expect(given.addressees).toEqual([]);
    expect(given.noticeId).toBe('');
  });
});
