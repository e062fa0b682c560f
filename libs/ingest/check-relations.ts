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
 * naming the relation): each must be a notice the bus delivered to the publisher or from
 * it, not withdrawn; a REPLY answers one the publisher received and is addressed to its
 * issuer; an UPDATE or WITHDRAWAL is the issuer's own, of the latest version.
 */
export async function checkRelations(notice: CaseNotice, lookup: NoticeLookup): Promise<Refused | undefined> {
  const publisher = notice.issuingAgency;
  for (const [i, relation] of notice.relations.entries()) {
    const at = `relations[${i}]`;
    const record = await lookup(relation.noticeId ?? '');
    // A notice the publisher neither received nor issued is answered as one the bus does
    // not know: the refusal must not tell it that the notice exists, nor whose it is.
    if (!record || (record.issuingAgency !== publisher && !received(record, publisher)))
      return refused(
        `${at}.noticeId`,
        `${relation.noticeId} is no notice ${publisher} received or issued (or the bus no longer keeps it)`,
        notice,
      );
    // Marked by this very notice (a redelivery whose claim in Redis was lost): its own mark is no refusal.
    const own = (mark: string | null | undefined): boolean => mark === notice.noticeId;
    if (record.withdrawnBy && !own(record.withdrawnBy)) return refused(`${at}.noticeId`, `${relation.noticeId} was withdrawn`, notice);
    if (relation.kind === v1.RelationKind.REPLY) {
      if (!received(record, publisher))
        return refused(`${at}.noticeId`, `a reply answers a notice ${publisher} received, not its own`, notice);
      if (!notice.addressees.includes(record.issuingAgency ?? ''))
        return refused('addressees', `a reply is addressed to the requester: add ${record.issuingAgency ?? ''}`, notice);
      continue;
    }
    const verb = relation.kind === v1.RelationKind.UPDATE ? 'update' : 'withdraw';
    if (record.issuingAgency !== publisher)
      return refused(`${at}.noticeId`, `only its issuer, ${record.issuingAgency ?? ''}, may ${verb} ${relation.noticeId}`, notice);
    if (record.supersededBy && !own(record.supersededBy))
      return refused(`${at}.noticeId`, `${relation.noticeId} was updated by ${record.supersededBy}: ${verb} the latest version`, notice);
  }
  return undefined;
}
