import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { BusSettings } from './bus-settings.js';
import { consumers, streams } from './names.js';
import { subjects } from './subjects.js';

const ns = (ms: number): number => ms * 1_000_000;

type StreamSpec = Partial<StreamConfig> & { name: string; subjects: string[] };

/** Streams that, once created, only the offline admin credential may change or delete. */
export const APPEND_ONLY_STREAMS: readonly string[] = [streams.audit, streams.checkpoints];

/** Every stream of the bus, file-backed, each durable write deduplicated on Nats-Msg-Id. */
export function streamConfigs(s: BusSettings): StreamSpec[] {
  const common = {
    storage: StorageType.File,
    num_replicas: s.replicas,
    duplicate_window: ns(s.duplicateWindowMs),
    discard: DiscardPolicy.Old,
  };
  return [
    {
      ...common,
      name: streams.ingest,
      subjects: [subjects.ingestAll],
      retention: RetentionPolicy.Workqueue,
      // Oversize submissions must reach ingest to be quarantined E_TOO_LARGE.
      max_msg_size: 4 * s.maxSubmissionBytes,
      discard: DiscardPolicy.New,
    },
    {
      ...common,
      name: streams.events,
      subjects: [subjects.eventsAll],
      // Kept, not consumed away: the audit writer reads it by sequence from the position
      // recorded in the chain itself, and `publish --wait` reads decisions from it.
      retention: RetentionPolicy.Limits,
      max_age: ns(s.eventsMaxAgeMs),
      discard: DiscardPolicy.New,
      // Ingest looks decisions up by subject; only ingest may (permissions).
      allow_direct: true,
    },
    {
      ...common,
      name: streams.quarantine,
      subjects: [subjects.quarantineAll],
      retention: RetentionPolicy.Limits,
      max_age: ns(s.quarantineMaxAgeMs),
    },
    {
      ...common,
      name: streams.deliveries,
      subjects: [subjects.deliverAll],
      // Limits, not interest: a delivery must never vanish for want of a consumer.
      retention: RetentionPolicy.Limits,
      max_age: ns(s.deliveryMaxAgeMs),
      discard: DiscardPolicy.New,
    },
    {
      ...common,
      name: streams.audit,
      subjects: [subjects.auditChain],
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.New,
      // Append-only: no message delete, no purge, no rollup.
      deny_delete: true,
      deny_purge: true,
      allow_rollup_hdrs: false,
    },
    {
      ...common,
      name: streams.checkpoints,
      subjects: [subjects.checkpoints],
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.New,
      deny_delete: true,
      deny_purge: true,
      allow_rollup_hdrs: false,
    },
    {
      ...common,
      name: streams.statisticsInput,
      subjects: [subjects.statisticsInput],
      // Consumed away: once applied to the service's state, a record is not kept.
      retention: RetentionPolicy.Workqueue,
      discard: DiscardPolicy.New,
    },
    {
      ...common,
      name: streams.statistics,
      subjects: [subjects.statisticsReleasesAll, subjects.statisticsDeliveriesAll],
      // Releases are kept: a researcher compares versions, an auditor checks each digest.
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.New,
      // Research agencies read their copies by subject (permissions).
      allow_direct: true,
    },
  ];
}

type ConsumerSpec = Partial<ConsumerConfig> & { durable_name: string };

export function serviceConsumerConfigs(s: BusSettings): { stream: string; config: ConsumerSpec }[] {
  const common = { ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: ns(s.ackWaitMs) };
  // No max_deliver (-1, unlimited) and no backoff list: ingest alone decides when a submission
  // is given up (never one that may have deliveries) and how long it waits (its nak delay).
  return [
    { stream: streams.ingest, config: { ...common, durable_name: consumers.ingest, max_ack_pending: 1024, max_deliver: -1 } },
    // One record at a time across instances: a notice's versions are applied in the order routing sent them.
    { stream: streams.statisticsInput, config: { ...common, durable_name: consumers.statistics, max_ack_pending: 1, max_deliver: -1 } },
  ];
}

/** The durable consumer of the audit checkpoints the bus creates for an agency's liaisons. */
export function checkpointConsumerConfig(agency: string, s: BusSettings, durableName = consumers.checkpoints(agency)): ConsumerSpec {
  return {
    durable_name: durableName,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: ns(s.ackWaitMs),
  };
}

/** A durable consumer of an agency's deliveries only, under the given name. */
function deliveriesConsumerConfig(durableName: string, agency: string, s: BusSettings): ConsumerSpec {
  return {
    durable_name: durableName,
    filter_subject: subjects.deliver(agency),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: ns(s.ackWaitMs),
    max_ack_pending: 1000,
  };
}

/** The durable consumer the bus creates for an agency's liaisons: its deliveries only. */
export function inboxConsumerConfig(agency: string, s: BusSettings): ConsumerSpec {
  return deliveriesConsumerConfig(consumers.inbox(agency), agency, s);
}

/**
 * The durable consumer the bus creates for an agency's node: the same deliveries as its
 * liaisons' inbox, under a name of its own, so each of the two gets every view.
 */
export function nodeConsumerConfig(agency: string, s: BusSettings): ConsumerSpec {
  return deliveriesConsumerConfig(consumers.node(agency), agency, s);
}
