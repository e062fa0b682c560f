import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { consumeDurable, consumers, streams } from '../bus/index.js';
import { errorMessage, isAccordError } from '../errors/index.js';
import { formatTraceparent, parseTraceparent, TRACEPARENT } from '../tracing/index.js';
import {
  isWithdrawn,
  type InboxEntry,
  type InboxStore,
  type RejectedView,
  type StoredTombstone,
  type StoredView,
  type WithdrawnView,
} from './inbox-store.js';
import { verifySignedView, type BusVerificationKey, type OriginatorKeys } from './verify-view.js';
import { takePending } from './take-pending.js';

export interface InboxPullResult {
  /** The views taken. */
  stored: StoredView[];
  /** Views taken of notices already withdrawn: stored without their content. */
  withdrawn: WithdrawnView[];
  /** The withdrawals and the updates not shared with the agency, each applied to the store. */
  tombstones: StoredTombstone[];
  rejected: RejectedView[];
}

export interface InboxPullOptions {
  /** Keep waiting for new views until the signal aborts. */
  follow?: boolean;
  signal?: AbortSignal;
  onView?: (view: InboxEntry) => void;
  onTombstone?: (tombstone: StoredTombstone) => void;
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
    const traceparent = trace ? formatTraceparent(trace) : undefined;
    if (verified.view.tombstone) {
      const tombstone = store.saveTombstone(seq, msg.data, verified, traceparent);
      result.tombstones.push(tombstone);
      options.onTombstone?.(tombstone);
    } else {
      const stored = store.save(seq, msg.data, verified, traceparent);
      if (isWithdrawn(stored)) result.withdrawn.push(stored);
      else result.stored.push(stored);
      options.onView?.(stored);
    }
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
  const result: InboxPullResult = { stored: [], withdrawn: [], tombstones: [], rejected: [] };
  if (options.follow) {
    const signal = options.signal ?? new AbortController().signal;
    await consumeDurable(inboxConsumer, { maxMessages: 100, signal }, (msg) => take(msg, agency, keys, store, result, options));
    return result;
  }
  await takePending(await inboxConsumer(), (msg) => take(msg, agency, keys, store, result, options));
  return result;
}
