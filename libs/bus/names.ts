/** Streams, consumers and buckets of the bus: the one place that names them (subjects: subjects.ts). */
export const streams = {
  ingest: 'ACCORD_INGEST',
  /** Decisions with their submissions' audit events, services' events, read receipts. */
  events: 'ACCORD_EVENTS',
  quarantine: 'ACCORD_QUARANTINE',
  deliveries: 'ACCORD_DELIVERIES',
  audit: 'ACCORD_AUDIT',
  /** Signed checkpoints of the audit chain, for agencies and auditors to keep. */
  checkpoints: 'ACCORD_CHECKPOINTS',
  /** What routing sends the statistics service: core facts and person profiles, consumed away. */
  statisticsInput: 'ACCORD_STATISTICS_INPUT',
  /** Signed statistical releases: the service's own copy, and one per research agency. */
  statistics: 'ACCORD_STATISTICS',
} as const;

export const consumers = {
  ingest: 'ingest',
  inbox: (agency: string) => `inbox-${agency}`,
  /** The agency node's own consumer of the agency's deliveries, beside its liaisons' inbox. */
  node: (agency: string) => `node-${agency}`,
  checkpoints: (agency: string) => `checkpoints-${agency}`,
  /** The agency node's own consumer of the audit checkpoints, beside its liaisons'. */
  nodeCheckpoints: (agency: string) => `node-checkpoints-${agency}`,
  statistics: 'statistics',
} as const;

export const buckets = {
  agencies: 'accord-agencies',
  keys: 'accord-keys',
  policies: 'accord-policies',
  /** Who writes the audit chain: one entry, which expires unless its holder renews it. */
  auditWriter: 'accord-audit-writer',
  /** The notice register: issuer, recipients and versions of each delivered notice (ids only). */
  notices: 'accord-notices',
  /** Requests to widen, by request id: routing keeps them (requester, issuer, categories, status). */
  widen: 'accord-widen',
  /** The statistics service's own state: each counted notice's latest version, each period's releases. */
  statistics: 'accord-statistics',
} as const;

export const SERVICES = ['ingest', 'routing', 'redaction', 'audit', 'statistics'] as const;
export type ServiceName = (typeof SERVICES)[number];
