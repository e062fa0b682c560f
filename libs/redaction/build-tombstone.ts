import type { OpenedSubmission } from '../disclosure/index.js';
import { v1, type DeliveredView, type Timestamp } from '../proto/index.js';
import { identifierCategoryFor } from './identifier-category.js';
import { scrubText } from './scrub-text.js';

export interface TombstoneInput {
  /** The update or withdrawal, as verified at ingest. */
  notice: OpenedSubmission;
  recipient: string;
  /** The recipient's versions of the notice it concerns, oldest first. */
  noticeIds: readonly string[];
  policyVersion: string;
  receivedAt: Timestamp;
}

/**
 * The tombstone an earlier recipient gets for an update it is not entitled to, or for a
 * withdrawal: which of its own notices are concerned, by whom and when, and for a
 * withdrawal its code and reason. The reason is scrubbed as free text whose every
 * identifier (number, date, document, account, coordinate, handle) is withheld: the
 * withdrawn notice's own values are not at hand (the bus kept none), so nothing in the
 * reason is taken for granted.
 */
export function buildTombstone(input: TombstoneInput): DeliveredView {
  const { main } = input.notice;
  const relation = main.relations.find(
    (r) => r.value.kind === v1.RelationKind.UPDATE || r.value.kind === v1.RelationKind.WITHDRAWAL,
  )?.value;
  const kind = relation?.kind ?? v1.RelationKind.RELATION_KIND_UNSPECIFIED;
  const tombstone: v1.Tombstone.$Properties = {
    kind,
    byNoticeId: main.core.noticeId ?? '',
    issuingAgency: main.core.issuingAgency ?? '',
    noticeIds: [...input.noticeIds],
  };
  if (main.core.issuedAt) tombstone.issuedAt = main.core.issuedAt;
  if (kind === v1.RelationKind.WITHDRAWAL) {
    tombstone.withdrawalCode = relation?.withdrawalCode ?? 0;
    const reason = main.summary?.value ?? '';
    tombstone.reason = scrubText(reason, { values: [], identifierCategory: identifierCategoryFor(new Set(['core']), false) }).text;
  }
  return v1.DeliveredView.create({
    format: 2,
    recipient: input.recipient,
    policyVersion: input.policyVersion,
    receivedAt: input.receivedAt,
    tombstone,
  });
}
