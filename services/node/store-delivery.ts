import { readableView, relationsOf, tombstoneOf, type VerifiedView } from '../../libs/client/index.js';
import type { EventHub, NodeViewStore } from '../../libs/node/index.js';
import type { NodeMetrics } from './node-metrics.js';

export interface VerifiedDelivery {
  seq: number;
  /** The SignedView bytes as delivered. */
  data: Uint8Array;
  verified: VerifiedView;
  receivedAt: string;
  traceparent?: string;
}

export interface StoreDeliveryDeps {
  views: NodeViewStore;
  events: EventHub;
  metrics: NodeMetrics;
}

/**
 * Commits a verified delivery: a view with the relations it was granted, or a tombstone,
 * a withdrawal deleting the content of the views it names in the same commit as its own
 * row. A new one is counted and told to the event stream (ids, never content). True when
 * it is new; throws when the database cannot take it (the caller leaves it on the bus).
 */
export function storeDelivery(deps: StoreDeliveryDeps, delivery: VerifiedDelivery): boolean {
  const { seq, verified, receivedAt } = delivery;
  const signedView = Buffer.from(delivery.data).toString('base64');
  const traceparent = delivery.traceparent ? { traceparent: delivery.traceparent } : {};
  const tombstone = tombstoneOf(verified);
  if (tombstone) {
    const stored = deps.views.saveTombstone({ deliverySeq: seq, receivedAt, signedView, tombstone, ...traceparent });
    if (stored) {
      deps.metrics.tombstonesStored.inc({ kind: tombstone.kind });
      const { kind, byNoticeId, noticeIds } = tombstone;
      deps.events.publish({ type: 'tombstone', kind, byNoticeId, noticeIds, deliverySeq: seq, receivedAt });
    }
    return stored;
  }
  const noticeId = verified.view.core?.noticeId ?? '';
  const stored = deps.views.save(
    { deliverySeq: seq, noticeId, receivedAt, signedView, view: readableView(verified), ...traceparent },
    relationsOf(verified),
  );
  if (stored) {
    deps.metrics.viewsStored.inc();
    deps.events.publish({ type: 'view', noticeId, deliverySeq: seq, receivedAt });
  }
  return stored;
}
