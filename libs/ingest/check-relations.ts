import { v1, type CaseNotice } from '../proto/index.js';
import type { Refused } from './verify-submission.js';

/** What ingest knows of an earlier notice: its register record, if the bus delivered it. */
export type NoticeLookup = (noticeId: string) => Promise<v1.NoticeRecord.$Properties | undefined>;

function refused(path: string, message: string, notice: CaseNotice): Refused {
  return { ok: false, code: 'E_RELATION', message: `${path}: ${message}`, path, noticeId: notice.noticeId };
}

const received = (record: v1.NoticeRecord.$Properties, agency: string): boolean =>
  (record.deliveries ?? []).some((d) => d.agency === agency);

/**
 * Whether the publisher may relate its notice to the earlier ones it names (E_RELATION,
 * naming the relation): each must be a notice the bus delivered; a REPLY answers one the
 * publisher received and is addressed to its issuer; an UPDATE or WITHDRAWAL is the
 * issuer's own, of the latest version of a notice not withdrawn.
 */
export async function checkRelations(notice: CaseNotice, lookup: NoticeLookup): Promise<Refused | undefined> {
  const publisher = notice.issuingAgency;
  for (const [i, relation] of notice.relations.entries()) {
    const at = `relations[${i}]`;
    const record = await lookup(relation.noticeId ?? '');
    if (!record)
      return refused(`${at}.noticeId`, `the bus delivered no notice ${relation.noticeId} (unknown, expired, or not delivered yet)`, notice);
    if (record.withdrawnBy) return refused(`${at}.noticeId`, `${relation.noticeId} was withdrawn`, notice);
    if (relation.kind === v1.RelationKind.REPLY) {
      if (!received(record, publisher)) return refused(`${at}.noticeId`, `${publisher} never received ${relation.noticeId}`, notice);
      if (!notice.addressees.includes(record.issuingAgency ?? ''))
        return refused('addressees', `a reply is addressed to the requester: add ${record.issuingAgency ?? ''}`, notice);
      continue;
    }
    const verb = relation.kind === v1.RelationKind.UPDATE ? 'update' : 'withdraw';
    if (record.issuingAgency !== publisher)
      return refused(`${at}.noticeId`, `only its issuer, ${record.issuingAgency ?? ''}, may ${verb} ${relation.noticeId}`, notice);
    if (record.supersededBy)
      return refused(`${at}.noticeId`, `${relation.noticeId} was updated by ${record.supersededBy}: ${verb} the latest version`, notice);
  }
  return undefined;
}
