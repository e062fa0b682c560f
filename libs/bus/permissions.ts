import { buckets, consumers, streams, type ServiceName } from './names.js';
import { subjects } from './subjects.js';
import { APPEND_ONLY_STREAMS } from './stream-configs.js';
import { inboxPrefix, type Identity } from './identities.js';

/** nats-server permissions of one user: what it may publish and subscribe to. */
export interface Permissions {
  publish: string[];
  subscribe: string[];
  /** Refused even where `publish` allows it. */
  denyPublish?: string[];
  /** May answer requests it received (reply subjects), and nothing more. */
  allowResponses: boolean;
}

const API = '$JS.API';
const kvStream = (bucket: string): string => `KV_${bucket}`;

function streamInfo(...names: string[]): string[] {
  return names.map((n) => `${API}.STREAM.INFO.${n}`);
}

/** What an ordered (ephemeral, ack-less) consumer needs on a stream, any filter. */
function orderedReader(stream: string): string[] {
  return ['CREATE', 'MSG.NEXT', 'DELETE', 'INFO'].map((op) => `${API}.CONSUMER.${op}.${stream}.>`);
}

/** Reading the registry and policy buckets: watch (ordered push consumers) and direct gets. */
const registryReader: string[] = [buckets.agencies, buckets.keys, buckets.policies].flatMap((b) => [
  `${API}.STREAM.INFO.${kvStream(b)}`,
  `${API}.CONSUMER.CREATE.${kvStream(b)}.>`,
  `${API}.CONSUMER.DELETE.${kvStream(b)}.>`,
  `${API}.CONSUMER.INFO.${kvStream(b)}.>`,
  `${API}.DIRECT.GET.${kvStream(b)}.>`,
  `$JS.FC.${kvStream(b)}.>`,
]);

/** The notice register: direct gets, and for routing, writes. */
const registerReader: string[] = [`${API}.DIRECT.GET.${kvStream(buckets.notices)}.>`];
const registerWriter: string[] = [...registerReader, `$KV.${buckets.notices}.>`];

/**
 * An agency's own copies of the statistical releases (only research agencies get any):
 * the stream's subjects to list them, and direct gets of its own subjects only.
 */
function statisticsReader(agency: string): string[] {
  return [`${API}.STREAM.INFO.${streams.statistics}`, `${API}.DIRECT.GET.${streams.statistics}.${subjects.statisticsDeliveriesOf(agency)}`];
}

/** The statistics service's state bucket: reads, writes, and listing its keys. */
const statisticsState: string[] = [
  `${API}.STREAM.INFO.${kvStream(buckets.statistics)}`,
  `${API}.DIRECT.GET.${kvStream(buckets.statistics)}.>`,
  `${API}.CONSUMER.CREATE.${kvStream(buckets.statistics)}.>`,
  `${API}.CONSUMER.DELETE.${kvStream(buckets.statistics)}.>`,
  `${API}.CONSUMER.INFO.${kvStream(buckets.statistics)}.>`,
  `$JS.FC.${kvStream(buckets.statistics)}.>`,
  `$KV.${buckets.statistics}.>`,
];

function durablePuller(stream: string, consumer: string): string[] {
  return [
    `${API}.CONSUMER.INFO.${stream}.${consumer}`,
    `${API}.CONSUMER.MSG.NEXT.${stream}.${consumer}`,
    `$JS.ACK.${stream}.${consumer}.>`,
  ];
}

function servicePermissions(service: ServiceName, publish: string[], subscribe: string[]): Permissions {
  return {
    publish: [`${API}.INFO`, subjects.serviceEvents(service), ...publish],
    subscribe: [`${inboxPrefix({ kind: 'service', service })}.>`, subjects.health(service), ...subscribe],
    allowResponses: true,
  };
}

/**
 * Exactly what each identity may do; the broker refuses the rest. Liaisons never create
 * consumers (whoever creates one picks its filter): they get only their agency's
 * pre-created consumer. Adapters use no JetStream API at all beyond publishing their own
 * submissions; they ask ingest for their own decisions and quarantine reasons. An
 * agency's node does both jobs with a credential of its own: its agency's submissions
 * and questions, and its own pre-created consumer of its agency's deliveries (not the
 * liaisons', so each gets every view); it alone may ask routing to explain its agency's
 * drafts and for the agency directory (a supervisor's preview before sending). The
 * operator is the bus's administrator, and no service runs with it: it may do anything
 * but rewrite the audit streams, which only the offline admin (no entry: unrestricted)
 * may. Each entry is the template of its role's scoped signing key (libs/auth), so a
 * user's own claims cannot widen it.
 */
export function permissionsFor(identity: Identity): Permissions | undefined {
  switch (identity.kind) {
    case 'adapter':
      return {
        publish: [subjects.ingest(identity.agency), subjects.adapterRequests(identity.agency), subjects.widenRequests(identity.agency)],
        subscribe: [`${inboxPrefix(identity)}.>`],
        allowResponses: false,
      };
    case 'liaison':
      return {
        publish: [
          ...durablePuller(streams.deliveries, consumers.inbox(identity.agency)),
          ...durablePuller(streams.checkpoints, consumers.checkpoints(identity.agency)),
          ...statisticsReader(identity.agency),
          subjects.receiptEvents(identity.agency),
          subjects.track(identity.agency),
          `${API}.DIRECT.GET.${kvStream(buckets.keys)}.$KV.${buckets.keys}.>`,
        ],
        subscribe: [`${inboxPrefix(identity)}.>`],
        allowResponses: false,
      };
    case 'node':
      return {
        publish: [
          subjects.ingest(identity.agency),
          subjects.adapterRequests(identity.agency),
          subjects.previewRequests(identity.agency),
          subjects.widenRequests(identity.agency),
          ...durablePuller(streams.deliveries, consumers.node(identity.agency)),
          ...durablePuller(streams.checkpoints, consumers.nodeCheckpoints(identity.agency)),
          ...statisticsReader(identity.agency),
          subjects.receiptEvents(identity.agency),
          subjects.track(identity.agency),
          `${API}.DIRECT.GET.${kvStream(buckets.keys)}.$KV.${buckets.keys}.>`,
        ],
        subscribe: [`${inboxPrefix(identity)}.>`],
        allowResponses: false,
      };
    case 'auditor':
      return {
        publish: [
          ...streamInfo(streams.audit, streams.checkpoints),
          ...orderedReader(streams.audit),
          ...orderedReader(streams.checkpoints),
        ],
        subscribe: [`${inboxPrefix(identity)}.>`],
        allowResponses: false,
      };
    case 'operator':
      // Everything an administrator does online, but rewriting the audit record: deleting,
      // changing or purging its streams, or deleting a message, takes the offline admin.
      return {
        publish: ['>'],
        subscribe: ['>'],
        denyPublish: APPEND_ONLY_STREAMS.flatMap((stream) =>
          ['STREAM.DELETE', 'STREAM.UPDATE', 'STREAM.PURGE', 'STREAM.MSG.DELETE'].map((op) => `${API}.${op}.${stream}`),
        ),
        allowResponses: true,
      };
    case 'admin':
      return undefined;
    case 'service':
      switch (identity.service) {
        case 'ingest':
          return servicePermissions(
            'ingest',
            [
              ...streamInfo(streams.ingest, streams.events, streams.quarantine),
              ...durablePuller(streams.ingest, consumers.ingest),
              ...orderedReader(streams.quarantine),
              `${API}.DIRECT.GET.${streams.events}.accord.events.decision.>`,
              subjects.quarantineAll,
              subjects.decisionsAll,
              subjects.route,
              ...registryReader,
              ...registerReader,
            ],
            [subjects.adapterRequestsAll],
          );
        case 'routing':
          return servicePermissions(
            'routing',
            [
              ...streamInfo(streams.events, streams.statisticsInput),
              subjects.redact,
              subjects.statisticsInput,
              ...registryReader,
              ...registerWriter,
              `${API}.DIRECT.GET.${kvStream(buckets.widen)}.>`,
              `${API}.STREAM.INFO.${kvStream(buckets.widen)}`,
              `${API}.CONSUMER.CREATE.${kvStream(buckets.widen)}.>`,
              `${API}.CONSUMER.DELETE.${kvStream(buckets.widen)}.>`,
              `${API}.CONSUMER.INFO.${kvStream(buckets.widen)}.>`,
              `$JS.FC.${kvStream(buckets.widen)}.>`,
              `$KV.${buckets.widen}.>`,
            ],
            [subjects.route, subjects.previewRequestsAll, subjects.widenRequestsAll],
          );
        case 'redaction':
          return servicePermissions(
            'redaction',
            [
              ...streamInfo(streams.deliveries, streams.events),
              subjects.deliverAll,
              // A withdrawal deletes the withdrawn notice's views from the deliveries stream.
              `${API}.STREAM.MSG.DELETE.${streams.deliveries}`,
            ],
            [subjects.redact],
          );
        case 'audit':
          return servicePermissions(
            'audit',
            [
              ...streamInfo(streams.events, streams.audit, streams.checkpoints),
              ...orderedReader(streams.events),
              ...orderedReader(streams.audit),
              // Tracking a notice reads its blocks by sequence.
              `${API}.STREAM.MSG.GET.${streams.audit}`,
              // The writer lease: one writer, standbys waiting.
              `${API}.STREAM.INFO.${kvStream(buckets.auditWriter)}`,
              `${API}.DIRECT.GET.${kvStream(buckets.auditWriter)}.>`,
              `$KV.${buckets.auditWriter}.>`,
              subjects.auditChain,
              subjects.checkpoints,
            ],
            [subjects.trackAll],
          );
        case 'statistics':
          // Only what routing sends it (core facts and profiles), the registry (who is a
          // research agency, what each issuer counts) and its own releases and state:
          // no ingest, deliveries, quarantine or audit stream, no notice register.
          return servicePermissions(
            'statistics',
            [
              ...streamInfo(streams.statisticsInput, streams.statistics),
              ...durablePuller(streams.statisticsInput, consumers.statistics),
              // Its own copy of a version, read back when the broker finds one already there.
              `${API}.STREAM.MSG.GET.${streams.statistics}`,
              subjects.statisticsReleasesAll,
              subjects.statisticsDeliveriesAll,
              ...statisticsState,
              ...registryReader,
            ],
            [],
          );
      }
  }
}
