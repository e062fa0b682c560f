import type { RecordChange } from '../bus/index.js';
import { v1, type CaseNotice } from '../proto/index.js';
import { claimedBy, ownRecord, withdrawnBy } from './register-changes.js';

/** A content delivery of a notice: to whom, at which sequence of the deliveries stream. */
export interface ContentDelivery {
  agency: string;
  deliverySeq: number;
  categories: string[];
  ruleIds: string[];
}

export interface TombstonePlan {
  recipient: string;
  /** The versions of the notice the recipient received, oldest first. */
  noticeIds: string[];
}

export interface ErasurePlan {
  noticeId: string;
  recipient: string;
  deliverySeq: number;
}

/** What a notice's relations add to its routing decision. */
export interface RelationPlan {
  /** False for a withdrawal: no one receives its content, its earlier recipients a tombstone. */
  deliversContent: boolean;
  /** The related notices whose relation a delivered recipient may see: those it received or issued. */
  relatedFor(recipient: string): string[];
  tombstones: TombstonePlan[];
  /** A withdrawal's: every content delivery of every version, to delete once the tombstones are stored. */
  erasures: ErasurePlan[];
  /** For an UPDATE or WITHDRAWAL: the version it names, to claim before anything is delivered. */
  claim?: RegisterChange;
  /** The register's changes once the deliveries are stored: the notice's own record, and the versions a withdrawal reached. */
  changes(delivered: readonly ContentDelivery[], manifestDigest: Uint8Array): RegisterChange[];
}

export interface RegisterChange {
  noticeId: string;
  change: RecordChange;
}

const recipientsOf = (record: v1.NoticeRecord.$Properties): Set<string> => new Set((record.deliveries ?? []).map((d) => d.agency ?? ''));

function supersedingRelation(notice: CaseNotice): v1.IRelation | undefined {
  return notice.relations.find((r) => r.kind === v1.RelationKind.UPDATE || r.kind === v1.RelationKind.WITHDRAWAL);
}

/**
 * The engine's part of relations, whatever the policy says. A relation is shown only to
 * an agency that received or issued the notice it names. An UPDATE or WITHDRAWAL reaches
 * every recipient of every earlier version (`thread`, oldest first, ending with the notice
 * it names): a recipient the policy does not deliver the update to, and every recipient of
 * a withdrawal, gets a tombstone naming the versions it received, and no more. A
 * withdrawal's content reaches no one, and every delivered view of the notice is erased.
 * `known` holds the register's record of each notice the relations name (absent: unknown
 * to the bus now, so shown to no one).
 */
export function planRelations(
  notice: CaseNotice,
  delivered: readonly string[],
  known: ReadonlyMap<string, v1.NoticeRecord.$Properties>,
  thread: readonly v1.NoticeRecord.$Properties[],
): RelationPlan {
  const superseding = supersedingRelation(notice);
  const withdrawal = superseding?.kind === v1.RelationKind.WITHDRAWAL;
  const contentRecipients = new Set(withdrawal ? [] : delivered);
  const versionsOf = new Map<string, string[]>();
  for (const version of thread)
    for (const agency of recipientsOf(version)) {
      if (agency === notice.issuingAgency) continue;
      versionsOf.set(agency, [...new Set([...(versionsOf.get(agency) ?? []), version.noticeId ?? ''])]);
    }
  const tombstones = [...versionsOf]
    .filter(([agency]) => !contentRecipients.has(agency))
    .map(([recipient, noticeIds]) => ({ recipient, noticeIds }))
    .sort((a, b) => a.recipient.localeCompare(b.recipient));
  const erasures = withdrawal
    ? thread.flatMap((version) =>
        (version.deliveries ?? []).map((d) => ({
          noticeId: version.noticeId ?? '',
          recipient: d.agency ?? '',
          deliverySeq: Number(d.deliverySeq ?? 0),
        })),
      )
    : [];
  const relatedFor = (recipient: string): string[] =>
    notice.relations
      .map((r) => r.noticeId ?? '')
      .filter((id) => {
        const record = known.get(id);
        return record !== undefined && (record.issuingAgency === recipient || recipientsOf(record).has(recipient));
      });
  const target = thread.at(-1);
  const claim =
    superseding && target
      ? { noticeId: target.noticeId ?? '', change: claimedBy(withdrawal ? 'withdrawal' : 'update', notice.noticeId) }
      : undefined;
  const changes = (deliveredViews: readonly ContentDelivery[], manifestDigest: Uint8Array): RegisterChange[] => {
    const own = ownRecord({
      noticeId: notice.noticeId,
      issuingAgency: notice.issuingAgency,
      type: notice.type,
      deliveries: withdrawal ? [] : deliveredViews.map((d) => ({ ...d })),
      manifestDigest,
      supersedes: superseding?.kind === v1.RelationKind.UPDATE ? (superseding.noticeId ?? '') : '',
      // Nothing may relate to a withdrawal: it is over as soon as it is delivered.
      withdrawnBy: withdrawal ? notice.noticeId : '',
    });
    const versions = withdrawal
      ? thread.map((version) => ({ noticeId: version.noticeId ?? '', change: withdrawnBy(notice.noticeId) }))
      : [];
    return [{ noticeId: notice.noticeId, change: own }, ...versions];
  };
  return { deliversContent: !withdrawal, relatedFor, tombstones, erasures, ...(claim ? { claim } : {}), changes };
}

/** The notice an UPDATE or WITHDRAWAL names, whose versions it reaches. */
export function supersededNoticeId(notice: CaseNotice): string | undefined {
  return supersedingRelation(notice)?.noticeId ?? undefined;
}
