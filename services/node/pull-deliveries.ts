import type { JsMsg } from '@nats-io/jetstream';
import { consumeDurable, consumers, streams } from '../../libs/bus/index.js';
import { verifySignedView, type VerifiedView } from '../../libs/client/index.js';
import { errorMessage, isAccordError } from '../../libs/errors/index.js';
import { failpoint } from '../../libs/failpoints/index.js';
import type { Logger } from '../../libs/log/index.js';
import type { EventHub, NodeViewStore } from '../../libs/node/index.js';
import { formatTraceparent, parseTraceparent, TRACEPARENT } from '../../libs/tracing/index.js';
import type { NodeBus } from './node-bus.js';
import type { NodeMetrics } from './node-metrics.js';
import { storeDelivery } from './store-delivery.js';

const STORE_RETRY_MS = 5000;

export interface DeliveryPullDeps {
  agency: string;
  bus: NodeBus;
  views: NodeViewStore;
  events: EventHub;
  metrics: NodeMetrics;
  log: Logger;
  onConsuming?: (consuming: boolean) => void;
}

/**
 * One delivery: verified, committed to the database, and only then acknowledged. A kill
 * between commit and ack redelivers it; its sequence is already a row, so it stays one.
 */
async function takeDelivery(msg: JsMsg, deps: DeliveryPullDeps): Promise<void> {
  const receivedAt = new Date().toISOString();
  let verified: VerifiedView;
  try {
    verified = await verifySignedView(msg.data, deps.bus.keys.bus, deps.agency, deps.bus.keys.originators);
  } catch (error) {
    // The registry did not answer: a genuine view may fail only for that, so it comes again.
    if (isAccordError(error) && error.retryable) {
      deps.log.warn('a delivery could not be verified now: it will be delivered again', { seq: msg.seq, error: errorMessage(error) });
      msg.nak(STORE_RETRY_MS);
      return;
    }
    if (deps.views.reject(msg.seq, msg.data, errorMessage(error), receivedAt)) deps.metrics.viewsRejected.inc();
    deps.log.warn('delivery set aside: it failed verification', { seq: msg.seq, reason: errorMessage(error) });
    await msg.ackAck();
    return;
  }
  const trace = parseTraceparent(msg.headers?.get(TRACEPARENT));
  failpoint('node-before-commit');
  try {
    storeDelivery(deps, {
      seq: msg.seq,
      data: msg.data,
      verified,
      receivedAt,
      ...(trace ? { traceparent: formatTraceparent(trace) } : {}),
    });
  } catch (error) {
    // A genuine view the node cannot store now (a full disk): not acknowledged, it comes again.
    deps.log.error('a delivery could not be stored: it will be delivered again', { seq: msg.seq, error: errorMessage(error) });
    msg.nak(STORE_RETRY_MS);
    return;
  }
  failpoint('node-after-commit');
  await msg.ackAck();
}

/** Takes the agency's deliveries through the node's own consumer until the signal aborts. */
export function pullDeliveries(deps: DeliveryPullDeps, signal: AbortSignal): Promise<void> {
  return consumeDurable(
    () => deps.bus.js.consumers.get(streams.deliveries, consumers.node(deps.agency)),
    {
      maxMessages: 100,
      signal,
      onRestart: (reason) => deps.log.warn('pulling deliveries again', { reason }),
      ...(deps.onConsuming ? { onConsuming: deps.onConsuming } : {}),
    },
    (msg) => takeDelivery(msg, deps),
  );
}
