import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { consumeDurable, consumers, streams } from '../bus/index.js';
import { errorMessage, isAccordError } from '../errors/index.js';
import { formatTraceparent, parseTraceparent, TRACEPARENT } from '../tracing/index.js';
import type { InboxStore, RejectedView, StoredView } from './inbox-store.js';
import { verifySignedView, type BusVerificationKey, type OriginatorKeys } from './verify-view.js';
import { takePending } from './take-pending.js';

export interface InboxPullResult {
  stored: StoredView[];
  rejected: RejectedView[];
}

export interface InboxPullOptions {
  /** Keep waiting for new views until the signal aborts. */
  follow?: boolean;
  signal?: AbortSignal;
  onView?: (view: StoredView) => void;
  onRejected?: (view: RejectedView) => void;
}

async function take(
  msg: JsMsg,
  agency: string,
  keys: InboxKeys,
  store: InboxStore,
  result: InboxPullResult,
  options: InboxPullOptions,
): Promise<void> {
  const seq = msg.seq;
  try {
    const verified = await verifySignedView(msg.data, keys.bus, agency, keys.originators);
    const trace = parseTraceparent(msg.headers?.get(TRACEPARENT));
    const stored = store.save(seq, msg.data, verified, trace ? formatTraceparent(trace) : undefined);
    result.stored.push(stored);
    options.onView?.(stored);
  } catch (error) {
    // The registry did not answer: the view is not set aside but left on the bus, and the pull stops with the error.
    if (isAccordError(error) && error.retryable) {
      msg.nak();
      throw error;
    }
    const rejected = store.reject(seq, msg.data, errorMessage(error));
    result.rejected.push(rejected);
    options.onRejected?.(rejected);
  }
  // Acknowledged only once it is safe in the local store (and confirmed by the server).
  await msg.ackAck();
}

export interface InboxKeys {
  bus: BusVerificationKey;
  originators: OriginatorKeys;
}

/**
 * Pulls the agency's new views through the consumer the bus created for it, verifies
 * each, stores it locally, then acknowledges it.
 */
export async function pullInbox(
  js: JetStreamClient,
  agency: string,
  keys: InboxKeys,
  store: InboxStore,
  options: InboxPullOptions = {},
): Promise<InboxPullResult> {
  const inboxConsumer = () => js.consumers.get(streams.deliveries, consumers.inbox(agency));
  const result: InboxPullResult = { stored: [], rejected: [] };
  if (options.follow) {
    const signal = options.signal ?? new AbortController().signal;
    await consumeDurable(inboxConsumer, { maxMessages: 100, signal }, (msg) => take(msg, agency, keys, store, result, options));
    return result;
  }
  await takePending(await inboxConsumer(), (msg) => take(msg, agency, keys, store, result, options));
  return result;
}
