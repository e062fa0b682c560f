import {
  inboxRowFrom,
  noticeModelFrom,
  noticePath,
  relationsOfView,
  sentPath,
  withdrawnModelFrom,
  withdrawnRowFrom,
  type InboxRow,
  type NoticeModel,
  type Role,
  type TimelineModel,
  type TimelineSent,
  type WithdrawnModel,
} from '../../../libs/console/index.js';
import {
  apiSchemas,
  isTombstone,
  isWithdrawnView,
  type NodeTombstone,
  type NodeView,
  type NodeWithdrawnView,
} from '../../../libs/node/index.js';
import type { NodeAppDeps } from '../node-app.js';

/**
 * The console's models of the notices the node holds, made from its stores: a view with
 * how it stands to its versions and the notices it replies to, or what a withdrawal left
 * of it. The pages (libs/console) render these and read no store.
 */

type Stores = Pick<NodeAppDeps, 'views' | 'submissions'>;

/** The newest view of the notice a page names, if the node holds one. */
export function heldView(deps: Stores, noticeId: string): NodeView | undefined {
  return apiSchemas.isNoticeId(noticeId) ? deps.views.latest(noticeId) : undefined;
}

/** The withdrawal of the notice a page names, if its issuer withdrew it. */
export function withdrawalOf(deps: Stores, noticeId: string): NodeTombstone | undefined {
  return apiSchemas.isNoticeId(noticeId) ? deps.views.withdrawal(noticeId) : undefined;
}

/** Every view the node holds and what withdrawals left of others, newest delivery first (the console's lists). */
export function allHeld(deps: Stores): (NodeView | NodeWithdrawnView)[] {
  const out: (NodeView | NodeWithdrawnView)[] = [];
  let after = 0;
  for (;;) {
    const page = deps.views.list(after, 500);
    for (const entry of page.entries) if (!isTombstone(entry)) out.push(entry);
    if (page.next === undefined) break;
    after = page.next;
  }
  return out.reverse();
}

/** What a withdrawal left of a notice, as its page shows it. */
export function withdrawnModelOf(noticeId: string, withdrawal: NodeTombstone): WithdrawnModel {
  return withdrawnModelFrom({
    noticeId,
    receivedAt: withdrawal.receivedAt,
    withdrawn: { ...withdrawal.tombstone, withdrawnAt: withdrawal.receivedAt },
  });
}

/** A row of the inbox: a view, marked superseded or as the newest of its versions; or what a withdrawal left. */
export function inboxRowOf(deps: Stores, entry: NodeView | NodeWithdrawnView, readByMe: boolean): InboxRow {
  if (isWithdrawnView(entry)) return withdrawnRowFrom(entry, readByMe);
  const row = inboxRowFrom(entry, readByMe);
  const supersededBy = deps.views.supersededBy(entry.noticeId);
  if (supersededBy) return { ...row, status: { state: 'superseded', shared: supersededBy.shared } };
  // Only a view that updates another can be the newest of several versions.
  if (!relationsOfView(entry.view).some((r) => r.kind === 'UPDATE')) return row;
  const versions = deps.views.versions(entry.noticeId);
  const index = versions.findIndex((v) => v.noticeId === entry.noticeId);
  return versions.length > 1 && index >= 0 ? { ...row, status: { state: 'updated', version: index + 1, of: versions.length } } : row;
}

/** The notice page's model: the view, its versions, and links to the notices it replies to. */
export function noticeModelOf(deps: Stores, view: NodeView, role: Role, receiptAt?: string): NoticeModel {
  const model = noticeModelFrom(view, receiptAt);
  const versions = deps.views.versions(view.noticeId).map((v) => ({ noticeId: v.noticeId, receivedAt: v.receivedAt }));
  const supersededBy = deps.views.supersededBy(view.noticeId);
  // A reply names a notice the agency received (its page) or sent (its page of sent notices, for a supervisor).
  const replyTo = (model.replyTo ?? []).map((r) => {
    const href = deps.views.latest(r.noticeId) ? noticePath(r.noticeId) : role === 'supervisor' ? sentPath(r.noticeId) : undefined;
    return href ? { ...r, href } : r;
  });
  return {
    ...model,
    ...(replyTo.length > 0 ? { replyTo } : {}),
    ...(versions.length > 1 || supersededBy ? { history: { versions, ...(supersededBy ? { supersededBy } : {}) } } : {}),
  };
}

/** A case's timeline: its notices in the order issued, and the agency's own notices that replies among them answer. */
export function timelineModelOf(deps: Stores, caseRef: string): TimelineModel {
  const notices = allHeld(deps)
    .filter((v): v is NodeView => !isWithdrawnView(v))
    .map((v) => noticeModelFrom(v))
    .filter((n) => n.caseRef === caseRef)
    .sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : 0))
    .map((n) => ({
      noticeId: n.noticeId,
      tlp: n.tlp,
      type: n.type,
      issuer: n.issuer,
      issuedAt: n.issuedAt,
      receivedAt: n.receivedAt,
      ...(n.replyTo ? { replyTo: n.replyTo.map((r) => r.noticeId) } : {}),
      ...(deps.views.supersededBy(n.noticeId) ? { superseded: true } : {}),
    }));
  // The agency's own notices the replies answer: submitted here, or at least not received here.
  const sent: TimelineSent[] = [...new Set(notices.flatMap((n) => n.replyTo ?? []))].flatMap((id) => {
    const submission = deps.submissions.find(id);
    if (submission) return [{ noticeId: id, submittedAt: submission.submittedAt }];
    return deps.views.versions(id).length === 0 ? [{ noticeId: id, submittedAt: '' }] : [];
  });
  return { caseRef, notices, sent };
}
