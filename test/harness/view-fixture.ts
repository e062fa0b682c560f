import { randomBytes } from 'node:crypto';
import type { Category } from '../../libs/notice/index.js';
import { timestampFromDate, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { buildView } from '../../libs/redaction/index.js';
import { signDetached, VIEW_TYP } from '../../libs/signing/index.js';
import { signNotice } from '../../libs/client/index.js';
import type { Parties } from './parties.js';
import { openedSigned } from './submissions.js';

export { parties, type Parties } from './parties.js';

/**
 * What redaction makes for a recipient, from a submission the originator really signed.
 * Its relations name `related` notices (those the recipient received or issued) and are
 * withheld otherwise.
 */
export async function deliveredView(
  p: Parties,
  notice: CaseNoticeProps,
  granted: Category[],
  recipient = 'ly-coastguard',
  related: Iterable<string> = [],
): Promise<v1.DeliveredView> {
  const submission = v1.SignedNotice.decode(await signNotice(notice, p.originator));
  const { opened, signed } = openedSigned(submission);
  return buildView({
    notice: opened,
    signed,
    signerKid: p.originator.kid,
    recipient,
    granted: new Set<Category>(['core', ...granted]),
    ruleIds: ['test'],
    policyVersion: 'test@1',
    receivedAt: timestampFromDate(new Date()),
    secret: randomBytes(32),
    pseudonymKey: randomBytes(32),
    relatedNoticeIds: new Set(related),
  }).view;
}

/** A tombstone the bus makes for an earlier recipient: a withdrawal (with its code and reason) or an update it may not see. */
export function tombstoneView(
  tombstone: { kind: v1.RelationKind; byNoticeId: string; noticeIds: string[]; withdrawalCode?: v1.WithdrawalCode; reason?: string },
  recipient = 'ly-coastguard',
  issuingAgency = 'it-police',
): v1.DeliveredView {
  return v1.DeliveredView.create({
    format: 2,
    recipient,
    policyVersion: 'test@1',
    receivedAt: timestampFromDate(new Date()),
    tombstone: { issuingAgency, issuedAt: timestampFromDate(new Date('2026-12-03T09:00:00Z')), ...tombstone },
  });
}

/** The bus signs a view, whatever is in it (a dishonest bus signs its forgeries too). */
export async function busSigned(p: Parties, view: v1.DeliveredView.$Properties): Promise<Uint8Array> {
  const bytes = v1.DeliveredView.encode(view).finish();
  return v1.SignedView.encode({ format: 1, view: bytes, jws: await signDetached(bytes, p.bus, VIEW_TYP) }).finish();
}
