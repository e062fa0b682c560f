import type { RejectedView, StoredTombstone, StoredView, WithdrawnView } from '../libs/client/index.js';
import { formatTombstone, formatView, formatWithdrawn } from './format-view.js';

/**
 * What `accord inbox` prints, from its local store or from a node: a view (perhaps
 * superseded), what a withdrawal left of one, or a tombstone. One shape for both, so the
 * two print the same lines and the same JSON document.
 */
export type InboxItem =
  | Pick<StoredView, 'deliverySeq' | 'view' | 'supersededBy'>
  | Pick<WithdrawnView, 'deliverySeq' | 'noticeId' | 'withdrawn'>
  | Pick<StoredTombstone, 'deliverySeq' | 'tombstone'>;

export interface InboxDocument {
  /** The readable views, each with `supersededBy` when a newer version superseded it. */
  views: Record<string, unknown>[];
  /** What withdrawals left of views: the notice, and the withdrawal. */
  withdrawn: Pick<WithdrawnView, 'deliverySeq' | 'noticeId' | 'withdrawn'>[];
  tombstones: Pick<StoredTombstone, 'deliverySeq' | 'tombstone'>[];
  rejected: RejectedView[];
}

export function formatItem(item: InboxItem): string {
  if ('tombstone' in item) return formatTombstone(item);
  if ('withdrawn' in item) return formatWithdrawn(item);
  return formatView(item);
}

/** A view's JSON as printed: the readable view, with its supersession beside what was signed. */
const viewJson = (item: Pick<StoredView, 'view' | 'supersededBy'>): Record<string, unknown> =>
  item.supersededBy ? { ...item.view, supersededBy: item.supersededBy } : item.view;

/** One item as one JSON line (--follow). */
export function itemJson(item: InboxItem): unknown {
  if ('tombstone' in item) return { deliverySeq: item.deliverySeq, tombstone: item.tombstone };
  if ('withdrawn' in item) return { deliverySeq: item.deliverySeq, noticeId: item.noticeId, withdrawn: item.withdrawn };
  return viewJson(item);
}

/** Everything printed at once, in delivery order within each list. */
export function inboxDocument(items: readonly InboxItem[], rejected: RejectedView[]): InboxDocument {
  const ordered = [...items].sort((a, b) => a.deliverySeq - b.deliverySeq);
  const doc: InboxDocument = { views: [], withdrawn: [], tombstones: [], rejected };
  for (const item of ordered) {
    if ('tombstone' in item) doc.tombstones.push({ deliverySeq: item.deliverySeq, tombstone: item.tombstone });
    else if ('withdrawn' in item) doc.withdrawn.push({ deliverySeq: item.deliverySeq, noticeId: item.noticeId, withdrawn: item.withdrawn });
    else doc.views.push(viewJson(item));
  }
  return doc;
}

/** The items in delivery order, each as its lines, a blank line after each. */
export function formatItems(items: readonly InboxItem[]): string {
  return [...items]
    .sort((a, b) => a.deliverySeq - b.deliverySeq)
    .map((item) => `${formatItem(item)}\n\n`)
    .join('');
}
