import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { checkRelations, type NoticeLookup } from '../../libs/ingest/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const { REPLY, UPDATE, WITHDRAWAL } = v1.RelationKind;

// An it-police request delivered to ly-coastguard; a version of it updated since; one withdrawn.
const request = randomUUID();
const updated = randomUUID();
const withdrawn = randomUUID();
const register = new Map<string, v1.NoticeRecord.$Properties>([
  [request, { noticeId: request, issuingAgency: 'it-police', deliveries: [{ agency: 'ly-coastguard', deliverySeq: 7 }] }],
  [updated, { noticeId: updated, issuingAgency: 'it-police', supersededBy: request }],
  [withdrawn, { noticeId: withdrawn, issuingAgency: 'it-police', withdrawnBy: randomUUID(), deliveries: [{ agency: 'ly-coastguard' }] }],
]);
const lookup: NoticeLookup = (id) => Promise.resolve(register.get(id));

async function check(publisher: string, kind: v1.RelationKind, noticeId: string, overrides: Partial<CaseNoticeProps> = {}) {
  const notice = v1.CaseNotice.create(sampleNotice(publisher, { relations: [{ kind, noticeId }], ...overrides }));
  return checkRelations(notice, lookup);
}

describe('relations ingest admits', () => {
  test('a reply by a recipient, addressed to the requester', async () => {
    expect(await check('ly-coastguard', REPLY, request, { addressees: ['it-police'] })).toBeUndefined();
  });

  test("the issuer's update of its latest version", async () => {
    expect(await check('it-police', UPDATE, request)).toBeUndefined();
  });

  test("the issuer's withdrawal", async () => {
    expect(await check('it-police', WITHDRAWAL, request)).toBeUndefined();
  });
});

describe('a redelivered update or withdrawal whose claim in Redis was lost', () => {
  test('meets its own mark on the notice it names, and is admitted', async () => {
    const earlier = randomUUID();
    const update = v1.CaseNotice.create(sampleNotice('it-police', { relations: [{ kind: UPDATE, noticeId: earlier }] }));
    register.set(earlier, {
      noticeId: earlier,
      issuingAgency: 'it-police',
      supersededBy: update.noticeId,
      deliveries: [{ agency: 'ly-coastguard' }],
    });
    expect(await checkRelations(update, lookup)).toBeUndefined();
  });
});

describe('relations ingest refuses as E_RELATION, naming the path', () => {
  test('to a notice the bus never delivered', async () => {
    expect(await check('it-police', REPLY, randomUUID())).toMatchObject({ code: 'E_RELATION', path: 'relations[0].noticeId' });
  });

  test('a reply to a notice the publisher never received, answered as for one the bus does not know', async () => {
    const refused = await check('mt-police', REPLY, request, { addressees: ['it-police'] });
    const unknown = await check('mt-police', REPLY, randomUUID(), { addressees: ['it-police'] });
    expect(refused).toMatchObject({ code: 'E_RELATION', path: 'relations[0].noticeId' });
    expect(refused?.message.replace(request, 'X')).toBe(unknown?.message.replace(/[0-9a-f-]{36}/, 'X'));
    expect(refused?.message).not.toContain('it-police');
  });

  test('an update by an agency that never received the notice does not learn whose it is', async () => {
    const refused = await check('mt-police', UPDATE, request);
    expect(refused?.code).toBe('E_RELATION');
    expect(refused?.message).not.toContain('it-police');
  });

  test('a reply by the issuer to its own notice', async () => {
    expect(await check('it-police', REPLY, request, { addressees: ['it-police'] })).toMatchObject({ code: 'E_RELATION' });
  });

  test('a reply not addressed to the requester, saying whom to add', async () => {
    const refused = await check('ly-coastguard', REPLY, request, { addressees: [] });
    expect(refused).toMatchObject({ code: 'E_RELATION', path: 'addressees' });
    expect(refused?.message).toContain('it-police');
  });

  test.each([UPDATE, WITHDRAWAL])('an update or withdrawal (%i) by another agency than the issuer', async (kind) => {
    expect(await check('ly-coastguard', kind, request)).toMatchObject({ code: 'E_RELATION', path: 'relations[0].noticeId' });
  });

  test('an update of a version already updated, naming the newer one', async () => {
    const refused = await check('it-police', UPDATE, updated);
    expect(refused?.code).toBe('E_RELATION');
    expect(refused?.message).toContain(request);
  });

  test.each([REPLY, UPDATE, WITHDRAWAL])('any relation (%i) to a withdrawn notice', async (kind) => {
    const publisher = kind === REPLY ? 'ly-coastguard' : 'it-police';
    expect(await check(publisher, kind, withdrawn, { addressees: ['it-police'] })).toMatchObject({ code: 'E_RELATION' });
  });
});
