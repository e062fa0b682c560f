/** Subjects, streams, consumers and buckets of the bus: the one place that names them. */
export const subjects = {
  ingest: (agency: string) => `accord.ingest.${agency}`,
  ingestAll: 'accord.ingest.*',
  quarantine: (agency: string) => `accord.quarantine.${agency}`,
  quarantineAll: 'accord.quarantine.*',
  deliver: (agency: string) => `accord.deliver.${agency}`,
  deliverAll: 'accord.deliver.*',
  decision: (agency: string, ingestSeq: number) => `accord.events.decision.${agency}.${ingestSeq}`,
  decisionsOf: (agency: string) => `accord.events.decision.${agency}.*`,
  serviceEvents: (service: string) => `accord.events.svc.${service}`,
  receiptEvents: (agency: string) => `accord.events.receipt.${agency}`,
  eventsAll: 'accord.events.>',
  auditChain: 'accord.audit.chain',
  checkpoints: 'accord.checkpoints',
  track: (agency: string) => `accord.svc.track.${agency}`,
  trackAll: 'accord.svc.track.*',
  /** An adapter's questions to ingest about its own submissions (decision, quarantine). */
  adapterRequests: (agency: string) => `accord.svc.adapter.${agency}.*`,
  adapterRequest: (agency: string, what: 'decision' | 'quarantine') => `accord.svc.adapter.${agency}.${what}`,
  adapterRequestsAll: 'accord.svc.adapter.*.*',
  route: 'accord.svc.route',
  redact: 'accord.svc.redact',
  health: (service: string) => `accord.svc.health.${service}`,
} as const;

export const streams = {
  ingest: 'ACCORD_INGEST',
  /** Decisions with their submissions' audit events, services' events, read receipts. */
  events: 'ACCORD_EVENTS',
  quarantine: 'ACCORD_QUARANTINE',
  deliveries: 'ACCORD_DELIVERIES',
  audit: 'ACCORD_AUDIT',
  /** Signed checkpoints of the audit chain, for agencies and auditors to keep. */
  checkpoints: 'ACCORD_CHECKPOINTS',
} as const;

export const consumers = {
  ingest: 'ingest',
  inbox: (agency: string) => `inbox-${agency}`,
  checkpoints: (agency: string) => `checkpoints-${agency}`,
} as const;

export const buckets = {
  agencies: 'accord-agencies',
  keys: 'accord-keys',
  policies: 'accord-policies',
  /** Who writes the audit chain: one entry, which expires unless its holder renews it. */
  auditWriter: 'accord-audit-writer',
} as const;

export const SERVICES = ['ingest', 'routing', 'redaction', 'audit'] as const;
export type ServiceName = (typeof SERVICES)[number];
