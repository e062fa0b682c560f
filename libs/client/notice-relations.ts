import { formatTimestamp, v1 } from '../proto/index.js';
import type { VerifiedView } from './verify-view.js';

/** How a view's notice stands to an earlier one the recipient holds (a WITHDRAWAL comes as a tombstone instead). */
export interface ViewRelation {
  kind: 'REPLY' | 'UPDATE';
  /** The earlier notice. */
  noticeId: string;
}

/**
 * A tombstone as the stores keep it: which of the recipient's notices it concerns, by
 * which notice of whom, and for a withdrawal its code (by name) and scrubbed reason.
 */
export interface TombstoneRecord {
  kind: 'UPDATE' | 'WITHDRAWAL';
  /** The update or withdrawal (its noticeId). */
  byNoticeId: string;
  issuingAgency: string;
  /** RFC 3339; empty when the bus gave no time. */
  issuedAt: string;
  /** The recipient's versions it concerns, oldest first. */
  noticeIds: string[];
  /** WITHDRAWAL only: the code's name (WRONG_PERSON...). */
  withdrawalCode?: string;
  /** WITHDRAWAL only: the originator's reason as the bus scrubbed it. */
  reason?: string;
}

/** What the recipient is told when a version it holds is superseded: by which notice, and whether it received that one. */
export interface Supersession {
  noticeId: string;
  /** False when the issuer updated it but the new version was not shared with this agency. */
  shared: boolean;
}

/**
 * The relations the view was granted (its relations/<id> elements), REPLY and UPDATE
 * only, each once: those withheld name no notice, and a WITHDRAWAL reaches an earlier
 * recipient as a tombstone.
 */
export function relationsOf(verified: VerifiedView): ViewRelation[] {
  const out: ViewRelation[] = [];
  for (const element of verified.elements) {
    const relation = element.relation;
    if (!relation?.noticeId) continue;
    const kind = relation.kind === v1.RelationKind.REPLY ? 'REPLY' : relation.kind === v1.RelationKind.UPDATE ? 'UPDATE' : undefined;
    if (kind && !out.some((r) => r.kind === kind && r.noticeId === relation.noticeId)) out.push({ kind, noticeId: relation.noticeId });
  }
  return out;
}

/** The view's tombstone as a record, if it is one (verifySignedView checked its kind and that it names notices). */
export function tombstoneOf(verified: VerifiedView): TombstoneRecord | undefined {
  const t = verified.view.tombstone;
  if (!t) return undefined;
  const withdrawal = t.kind === v1.RelationKind.WITHDRAWAL;
  const code = t.withdrawalCode ?? v1.WithdrawalCode.WITHDRAWAL_CODE_UNSPECIFIED;
  return {
    kind: withdrawal ? 'WITHDRAWAL' : 'UPDATE',
    byNoticeId: t.byNoticeId ?? '',
    issuingAgency: t.issuingAgency ?? '',
    issuedAt: t.issuedAt ? formatTimestamp(t.issuedAt) : '',
    noticeIds: [...(t.noticeIds ?? [])],
    // A code this build does not know (a newer bus) is kept as its number.
    ...(withdrawal ? { withdrawalCode: v1.WithdrawalCode[code] ?? String(code), reason: t.reason ?? '' } : {}),
  };
}
