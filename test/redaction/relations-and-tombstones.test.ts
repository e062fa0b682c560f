import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signNotice, verifySignedView } from '../../libs/client/index.js';
import { timestampFromDate, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { buildTombstone } from '../../libs/redaction/index.js';
import { openedSigned } from '../harness/submissions.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { busSigned, deliveredView, parties, type Parties } from '../harness/view-fixture.js';

const request = randomUUID();
const other = randomUUID();

async function signedAndOpened(p: Parties, notice: CaseNoticeProps) {
  return openedSigned(v1.SignedNotice.decode(await signNotice(notice, p.originator)));
}

async function viewWith(p: Parties, related: string[]): Promise<v1.DeliveredView> {
  const notice = sampleNotice('ly-coastguard', {
    relations: [
      { kind: v1.RelationKind.REPLY, noticeId: request },
      { kind: v1.RelationKind.REPLY, noticeId: other },
    ],
  });
  return deliveredView(p, notice, ['person.profile'], 'it-police', related);
}

describe("a view's relations", () => {
  test('a relation to a notice the recipient received travels as the originator signed it, and verifies', async () => {
    const p = await parties();
    const verified = await verifySignedView(await busSigned(p, await viewWith(p, [request])), p.busKey, 'it-police', p.originators);
    expect(verified.elements.filter((e) => e.relation).map((e) => [e.relation?.noticeId, e.derived, e.category])).toEqual([
      [request, false, 'relation'],
    ]);
  });

  test('a relation to any other notice is withheld: listed by path, its id nowhere in the view', async () => {
    const p = await parties();
    const view = await viewWith(p, [request]);
    expect(view.withheld.filter((w) => w.category === 'relation')).toEqual([expect.objectContaining({ count: 1 })]);
    expect(Buffer.from(await busSigned(p, view)).includes(Buffer.from(other))).toBe(false);
  });
});

describe('a tombstone', () => {
  async function tombstoneOf(p: Parties, reason: string, kind = v1.RelationKind.WITHDRAWAL): Promise<v1.DeliveredView> {
    const notice = sampleNotice('it-police', {
      persons: [],
      conveyances: [],
      financial: [],
      locations: [],
      summary: reason,
      relations: [{ kind, noticeId: request, withdrawalCode: kind === v1.RelationKind.WITHDRAWAL ? v1.WithdrawalCode.WRONG_PERSON : 0 }],
    });
    const { opened } = await signedAndOpened(p, notice);
    return buildTombstone({
      notice: opened,
      recipient: 'ly-coastguard',
      noticeIds: [request],
      policyVersion: 'test@1',
      receivedAt: timestampFromDate(new Date()),
    });
  }

  test("carries no content of the notice, only which of the recipient's notices it ends, and why", async () => {
    const p = await parties();
    const view = await tombstoneOf(p, 'Issued in error.');
    expect([view.core, view.manifest.length, view.disclosures, view.elements]).toEqual([null, 0, [], []]);
    expect(view.tombstone).toMatchObject({
      kind: v1.RelationKind.WITHDRAWAL,
      noticeIds: [request],
      withdrawalCode: v1.WithdrawalCode.WRONG_PERSON,
      reason: 'Issued in error.',
      issuingAgency: 'it-police',
    });
  });

  test('gives a withdrawal its reason scrubbed of every identifier', async () => {
    const p = await parties();
    const { tombstone } = await tombstoneOf(p, 'Wrong man: passport LY4455667, phone +218 91 555 0101, seen at 32.9312N 12.0815E.');
    expect(tombstone?.reason).toContain('Wrong man');
    expect(tombstone?.reason).not.toMatch(/4455667|555|0101|32\.93|12\.08/);
  });

  test('gives an update no reason: the new version is not shared', async () => {
    const p = await parties();
    const { tombstone } = await tombstoneOf(p, 'Now with the skipper named.', v1.RelationKind.UPDATE);
    expect([tombstone?.kind, tombstone?.reason ?? '']).toEqual([v1.RelationKind.UPDATE, '']);
  });

  test('verifies on the bus signature alone', async () => {
    const p = await parties();
    const verified = await verifySignedView(
      await busSigned(p, await tombstoneOf(p, 'Issued in error.')),
      p.busKey,
      'ly-coastguard',
      p.originators,
    );
    expect(verified.view.tombstone?.noticeIds).toEqual([request]);
  });

  test('signed by anyone but the bus is refused', async () => {
    const p = await parties();
    const forger = await parties();
    const forged = await busSigned(forger, await tombstoneOf(p, 'Issued in error.'));
    await expect(verifySignedView(forged, p.busKey, 'ly-coastguard', p.originators)).rejects.toMatchObject({ code: 'E_VIEW_INVALID' });
  });

  test('carrying notice content is refused', async () => {
    const p = await parties();
    const view = await tombstoneOf(p, 'Issued in error.');
    view.core = v1.NoticeCore.create({ noticeId: request, caseRef: 'IT-PA-2026-0042' });
    await expect(verifySignedView(await busSigned(p, view), p.busKey, 'ly-coastguard', p.originators)).rejects.toMatchObject({
      code: 'E_VIEW_INVALID',
      path: 'tombstone',
    });
  });
});
