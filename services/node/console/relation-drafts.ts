import { relateNotice } from '../../../libs/client/index.js';
import {
  draftFromNotice,
  draftRelations,
  t,
  type ComposeDraft,
  type DraftProblem,
  type Lang,
  type NoticeDraft,
} from '../../../libs/console/index.js';
import { keptNotice } from '../../../libs/node/index.js';
import { v1 } from '../../../libs/proto/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { receivedNotice, sentThroughNode } from '../related-notices.js';

/**
 * The composer opened for a relation, and the node's check of the relations a draft
 * carries back: a reply answers a notice this node received and is addressed to its
 * issuer; an update is of a notice this node sent. The hidden field that carries a
 * relation is the officer's to change, so every post is checked again.
 */

type Stores = Pick<NodeAppDeps, 'agency' | 'views' | 'submissions'>;

/** A reply to a notice the node received: its case, addressed to its issuer, with the REPLY (relateNotice); undefined if the node holds no such notice. */
export function replyDraft(deps: Stores, noticeId: string, freshId: string): NoticeDraft | undefined {
  const received = receivedNotice(deps.views, noticeId);
  if (!received) return undefined;
  const { notice } = relateNotice({
    notice: v1.CaseNotice.create({ caseRef: received.caseRef }),
    as: deps.agency,
    kind: v1.RelationKind.REPLY,
    relatedNoticeId: noticeId,
    relatedIssuer: received.issuer,
    now: new Date(),
    freshNoticeId: () => freshId,
  });
  return draftFromNotice(notice);
}

/**
 * A new version of a notice the node sent, from its kept copy (the summary's markup in
 * place), under a fresh id, with the UPDATE (relateNotice keeps the copy's replies and drops
 * its own update of an older version); undefined if the node keeps no copy, or it is a
 * withdrawal, which has no next version. A reply to a notice the node no longer holds (its
 * issuer withdrew it) is left out, and said to be: ingest would refuse the new version for it.
 */
export function updateDraft(deps: Stores, noticeId: string, freshId: string): NoticeDraft | undefined {
  const kept = keptNotice(deps.submissions, noticeId);
  if (!kept || kept.relations.some((r) => r.kind === v1.RelationKind.WITHDRAWAL)) return undefined;
  const { notice } = relateNotice({
    notice: kept,
    as: deps.agency,
    kind: v1.RelationKind.UPDATE,
    relatedNoticeId: noticeId,
    now: new Date(),
    freshNoticeId: () => freshId,
  });
  const stillHeld = (r: v1.Relation.$Properties): boolean =>
    r.kind !== v1.RelationKind.REPLY || receivedNotice(deps.views, r.noticeId ?? '') !== undefined;
  const gone = notice.relations.flatMap((r, i) => (stillHeld(r) ? [] : [`relations[${i}]`]));
  notice.relations = notice.relations.filter(stillHeld);
  const made = draftFromNotice(notice);
  return { ...made, leftOut: [...made.leftOut, ...gone] };
}

/** What the node knows to be wrong with a draft's relations, each on its field, in the officer's language. */
export function relationProblems(deps: Stores, lang: Lang, draft: ComposeDraft): DraftProblem[] {
  return draftRelations(draft.relations).flatMap((r): DraftProblem[] => {
    if (r.kind === 'UPDATE')
      return sentThroughNode(deps.submissions, r.noticeId)
        ? []
        : [{ field: 'relations', message: t(lang, 'compose.updateNotSent', { noticeId: r.noticeId }) }];
    const received = receivedNotice(deps.views, r.noticeId);
    if (!received) return [{ field: 'relations', message: t(lang, 'compose.replyNotReceived', { noticeId: r.noticeId }) }];
    return draft.addressees.includes(received.issuer)
      ? []
      : [{ field: 'addressees', message: t(lang, 'compose.replyAddressee', { issuer: received.issuer }) }];
  });
}
