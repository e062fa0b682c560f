import { AccordError } from '../errors/index.js';
import { timestampFromDate, v1, type CaseNotice } from '../proto/index.js';

export interface RelateNoticeInput {
  /** The notice as its file holds it (notice JSON, parsed). */
  notice: CaseNotice;
  /** The publishing agency. */
  as: string;
  kind: v1.RelationKind.REPLY | v1.RelationKind.UPDATE;
  /** The earlier notice it answers or updates. */
  relatedNoticeId: string;
  /** That notice's issuer, when the agency's store holds it: a reply is addressed to it. */
  relatedIssuer?: string;
  now: Date;
  freshNoticeId: () => string;
}

export interface RelatedNotice {
  notice: CaseNotice;
  /** What was changed in the file's notice, one line each, for the user to read. */
  changes: string[];
}

const sameId = (a: string | null | undefined, b: string): boolean => (a ?? '').toLowerCase() === b.toLowerCase();

function relationsWith(input: RelateNoticeInput, changes: string[]): v1.Relation.$Properties[] {
  const { kind, relatedNoticeId } = input;
  const kindName = v1.RelationKind[kind];
  const kept: v1.Relation.$Properties[] = [];
  let present = false;
  for (const [i, relation] of (input.notice.relations ?? []).entries()) {
    if (sameId(relation.noticeId, relatedNoticeId)) {
      if (relation.kind !== kind) {
        const named = v1.RelationKind[relation.kind ?? 0] ?? String(relation.kind);
        throw new AccordError('E_USAGE', `relations[${i}] already relates to ${relatedNoticeId}, as ${named}, not ${kindName}`, {
          path: `relations[${i}]`,
        });
      }
      present = true;
    } else if (kind === v1.RelationKind.UPDATE && relation.kind === v1.RelationKind.UPDATE) {
      // The file is the earlier version, edited: its own UPDATE named the version before it.
      changes.push(`relations: the UPDATE of ${relation.noticeId ?? ''} dropped (a notice updates one version: ${relatedNoticeId})`);
      continue;
    }
    kept.push(relation);
  }
  if (!present) kept.push(v1.Relation.create({ kind, noticeId: relatedNoticeId }));
  return kept;
}

/**
 * The notice a reply or an update publishes, made from the notice JSON a user wrote or
 * edited: its relation to the earlier notice added (the file's other relations kept; for
 * an update, the file's own UPDATE of an older version replaced), a fresh noticeId where
 * the file has none or the earlier notice's own (an edited copy: its issuedAt is then the
 * earlier one's too, and becomes now), issuedAt now where absent, issuingAgency the
 * publisher where absent; a reply's addressees gain the earlier notice's issuer when it
 * is known and missing. Another agency's issuingAgency is refused (E_USAGE).
 */
export function relateNotice(input: RelateNoticeInput): RelatedNotice {
  const { as, relatedNoticeId } = input;
  const changes: string[] = [];
  const given = input.notice;
  if (given.issuingAgency && given.issuingAgency !== as) {
    throw new AccordError('E_USAGE', `issuingAgency is "${given.issuingAgency}" but publishing --as ${as}`, { path: 'issuingAgency' });
  }
  const relations = relationsWith(input, changes);
  // A copy through its own encoding: the file's notice stays as it was read.
  const notice = v1.CaseNotice.decode(v1.CaseNotice.encode(given).finish());
  notice.relations = relations.map((r) => v1.Relation.create(r));
  if (!given.issuingAgency) {
    notice.issuingAgency = as;
    changes.push(`issuingAgency: ${as} (the file had none)`);
  }
  const copied = sameId(given.noticeId, relatedNoticeId);
  if (!given.noticeId || copied) {
    notice.noticeId = input.freshNoticeId();
    changes.push(`noticeId: ${notice.noticeId}, a fresh one (the file had ${copied ? `${relatedNoticeId}'s own` : 'none'})`);
  }
  if (!given.issuedAt || copied) {
    notice.issuedAt = timestampFromDate(input.now);
    changes.push(`issuedAt: now, ${input.now.toISOString()} (the file had ${copied ? `${relatedNoticeId}'s` : 'none'})`);
  }
  const issuer = input.relatedIssuer;
  if (input.kind === v1.RelationKind.REPLY && issuer && !(given.addressees ?? []).includes(issuer)) {
    notice.addressees = [...(given.addressees ?? []), issuer];
    changes.push(`addressees: ${issuer} added, the issuer of ${relatedNoticeId} (a reply is addressed to it)`);
  }
  return { notice, changes };
}
