import { isNoticeId } from '../notice/index.js';

/**
 * The relation a composed notice makes to an earlier one: a reply to a notice the agency
 * received, or a new version of one it sent (a withdrawal has a form of its own). The
 * form carries each as a hidden field `relations`, "REPLY:<noticeId>", from the page that
 * opened the composer for it to the send; the node checks it again on every post.
 */
export type DraftRelationKind = 'REPLY' | 'UPDATE';

export interface DraftRelation {
  kind: DraftRelationKind;
  noticeId: string;
}

/** The hidden field's value of a relation. */
export function relationField(relation: DraftRelation): string {
  return `${relation.kind}:${relation.noticeId}`;
}

/** The relation a hidden field names; undefined for anything else (a kind the form does not make, no noticeId). */
export function parseRelationField(value: string): DraftRelation | undefined {
  const match = /^(REPLY|UPDATE):(.+)$/.exec(value);
  const noticeId = match?.[2] ?? '';
  return match && isNoticeId(noticeId) ? { kind: match[1] as DraftRelationKind, noticeId } : undefined;
}

/** The relations of a draft the form can carry, in order; those it cannot are left out (the draft's check names them). */
export function draftRelations(fields: readonly string[]): DraftRelation[] {
  return fields.map(parseRelationField).filter((r): r is DraftRelation => r !== undefined);
}
