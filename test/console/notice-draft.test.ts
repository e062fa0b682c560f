/** A notice as the composer's draft (a new version starts from it), and a draft's relations into the notice it makes. */
import { describe, expect, test } from 'vitest';
import { draftFromNotice, draftToNoticeJson, emptyDraft, readComposeForm } from '../../libs/console/index.js';
import { noticeFromJsonObject } from '../../libs/notice/index.js';
import { messageToJson, timestampFromDate, v1 } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { NOTICE_ID } from './console-fixture.js';

const EARLIER = '0f8e5c7a-0000-4000-8000-000000000001';

/** The sample notice as the composer can hold it: times to the second, the node's fields (issuer, time) left out. */
function sample(): v1.CaseNotice {
  const notice = v1.CaseNotice.create(
    sampleNotice('it-police', {
      noticeId: NOTICE_ID,
      caveats: [v1.Caveat.MINORS_INVOLVED],
      handling: [v1.HandlingCode.NO_ONWARD_SHARING],
      addressees: ['ly-coastguard'],
      summary: '{{persons[0].fullName}} took {{migrant.identity:the boy’s uncle}} aboard.',
      locations: [{ lat: 0, lon: -12.5, label: 'Equator', observedAt: timestampFromDate(new Date('2026-11-29T22:40:07Z')) }],
      deathsReported: 2,
      relations: [{ kind: v1.RelationKind.REPLY, noticeId: EARLIER }],
    }),
  );
  notice.issuingAgency = '';
  notice.issuedAt = null;
  return notice;
}

const json = (notice: v1.CaseNotice): Record<string, unknown> => messageToJson('accord.v1.CaseNotice', notice);

describe('a notice as the composer’s draft', () => {
  test('the draft makes the same notice again: every field, the summary’s markup and the reply kept', () => {
    const { draft, leftOut } = draftFromNotice(sample());
    const { notice, problems } = draftToNoticeJson(draft);
    expect(problems).toEqual([]);
    expect(leftOut).toEqual([]);
    expect(json(noticeFromJsonObject(notice))).toEqual(json(sample()));
  });

  test('a location is shown as the form holds it: a zero latitude written out, the time in UTC to the second (datetime-local)', () => {
    expect(draftFromNotice(sample()).draft.locations[0]).toMatchObject({ lat: '0', lon: '-12.5', observedAt: '2026-11-29T22:40:07' });
  });

  test('a person’s documents after the first, which the form cannot hold, are named as left out', () => {
    const notice = sample();
    const [first, ...others] = notice.persons;
    notice.persons = [
      v1.Person.create({ ...first, documents: [...(first?.documents ?? []), { kind: 'id card', number: 'LY-ID-1' }] }),
      ...others,
    ];
    const { draft, leftOut } = draftFromNotice(notice);
    expect(leftOut).toEqual(['persons[0].documents[1]']);
    expect(draft.persons[0]?.documentNumber).toBe('LY4455667');
  });

  test('a list the notice has nothing of is one empty row, as in a new draft', () => {
    const { draft } = draftFromNotice(v1.CaseNotice.create({ caseRef: 'IT-1' }));
    expect(draft.financial).toEqual(emptyDraft(NOTICE_ID).financial);
  });
});

describe('a draft’s relations', () => {
  test('come from the form’s hidden fields and go into the notice as they were', () => {
    const draft = readComposeForm({ relations: [`REPLY:${EARLIER}`, `UPDATE:${NOTICE_ID}`] }, NOTICE_ID);
    expect(draftToNoticeJson(draft).notice.relations).toEqual([
      { kind: 'REPLY', noticeId: EARLIER },
      { kind: 'UPDATE', noticeId: NOTICE_ID },
    ]);
  });

  test('one the form does not make (a withdrawal, no noticeId) is a problem, not dropped', () => {
    for (const value of [`WITHDRAWAL:${EARLIER}`, 'REPLY:not-a-uuid']) {
      const { problems } = draftToNoticeJson(readComposeForm({ relations: [value] }, NOTICE_ID));
      expect(problems, value).toContainEqual({ field: 'relations', message: expect.stringContaining(value) });
    }
  });

  test('a notice without any has no relations field', () => {
    expect(draftToNoticeJson(emptyDraft(NOTICE_ID)).notice).not.toHaveProperty('relations');
  });
});
