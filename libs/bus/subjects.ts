/** The fixed leading tokens of each subject family, shared by its builder and its parser. */
const prefix = {
  ingest: 'accord.ingest',
  quarantine: 'accord.quarantine',
  deliver: 'accord.deliver',
  decision: 'accord.events.decision',
  serviceEvents: 'accord.events.svc',
  receiptEvents: 'accord.events.receipt',
  track: 'accord.svc.track',
  adapter: 'accord.svc.adapter',
  preview: 'accord.svc.preview',
  widen: 'accord.svc.widen',
  health: 'accord.svc.health',
  statisticsRelease: 'accord.stats.release',
  statisticsDelivery: 'accord.stats.deliver',
} as const;

const ADAPTER_REQUESTS = ['decision', 'quarantine'] as const;
/** What an adapter may ask ingest about its own submissions. */
export type AdapterRequest = (typeof ADAPTER_REQUESTS)[number];

const PREVIEW_REQUESTS = ['explain', 'directory'] as const;
/** What an agency's node may ask routing before it sends: its draft explained, the agencies it may address. */
export type PreviewRequest = (typeof PREVIEW_REQUESTS)[number];

const WIDEN_REQUESTS = ['request', 'list', 'release', 'refuse'] as const;
/** An agency's part in requests to widen: ask (a recipient), list its own, release or refuse (the issuer). */
export type WidenOp = (typeof WIDEN_REQUESTS)[number];

/** Every subject of the bus; CONTRACT.md fixes the ingest and deliver subjects. */
export const subjects = {
  ingest: (agency: string) => `${prefix.ingest}.${agency}`,
  ingestAll: `${prefix.ingest}.*`,
  quarantine: (agency: string) => `${prefix.quarantine}.${agency}`,
  quarantineAll: `${prefix.quarantine}.*`,
  deliver: (agency: string) => `${prefix.deliver}.${agency}`,
  deliverAll: `${prefix.deliver}.*`,
  decision: (agency: string, ingestSeq: number) => `${prefix.decision}.${agency}.${ingestSeq}`,
  decisionsOf: (agency: string) => `${prefix.decision}.${agency}.*`,
  decisionsAll: `${prefix.decision}.*.*`,
  serviceEvents: (service: string) => `${prefix.serviceEvents}.${service}`,
  receiptEvents: (agency: string) => `${prefix.receiptEvents}.${agency}`,
  eventsAll: 'accord.events.>',
  auditChain: 'accord.audit.chain',
  checkpoints: 'accord.checkpoints',
  track: (agency: string) => `${prefix.track}.${agency}`,
  trackAll: `${prefix.track}.*`,
  /** An adapter's questions to ingest about its own submissions (decision, quarantine). */
  adapterRequests: (agency: string) => `${prefix.adapter}.${agency}.*`,
  adapterRequest: (agency: string, what: AdapterRequest) => `${prefix.adapter}.${agency}.${what}`,
  adapterRequestsAll: `${prefix.adapter}.*.*`,
  /** A node's questions to routing about its own drafts (explain) and the agency directory. */
  previewRequests: (agency: string) => `${prefix.preview}.${agency}.*`,
  previewRequest: (agency: string, what: PreviewRequest) => `${prefix.preview}.${agency}.${what}`,
  previewRequestsAll: `${prefix.preview}.*.*`,
  /** An agency's requests to widen, and its answers to those addressed to it, which routing handles. */
  widenRequests: (agency: string) => `${prefix.widen}.${agency}.*`,
  widenRequest: (agency: string, op: WidenOp) => `${prefix.widen}.${agency}.${op}`,
  widenRequestsAll: `${prefix.widen}.*.*`,
  route: 'accord.svc.route',
  redact: 'accord.svc.redact',
  health: (service: string) => `${prefix.health}.${service}`,
  /** Routing's records for the statistics service (StatisticsRecord). */
  statisticsInput: 'accord.stats.input',
  /** The service's own copy of a period's release, one subject per version. */
  statisticsRelease: (period: string, version: number) => `${prefix.statisticsRelease}.${period}.${version}`,
  statisticsReleasesAll: `${prefix.statisticsRelease}.*.*`,
  /** A research agency's copy of a release: it may read these and no others. */
  statisticsDelivery: (agency: string, period: string, version: number) => `${prefix.statisticsDelivery}.${agency}.${period}.${version}`,
  statisticsDeliveriesOf: (agency: string) => `${prefix.statisticsDelivery}.${agency}.*.*`,
  statisticsDeliveriesAll: `${prefix.statisticsDelivery}.*.*.*`,
} as const;

/** A tuple of N strings, so that a parser reads its tokens without index checks. */
type Tokens<N extends number, T extends string[] = []> = T['length'] extends N ? T : Tokens<N, [...T, string]>;

/** A token of a published subject: not empty, no blank, no wildcard (a subject with one names many messages, not one). */
const TOKEN = /^[^*>\s]+$/;
const SEQUENCE = /^(0|[1-9]\d*)$/;

/** The `count` tokens after `family`'s prefix, or undefined if the subject is not of that family. */
function tokensAfter<N extends number>(subject: string, family: string, count: N): Tokens<N> | undefined {
  if (!subject.startsWith(`${family}.`)) return undefined;
  const rest = subject.slice(family.length + 1).split('.');
  return rest.length === count && rest.every((t) => TOKEN.test(t)) ? (rest as Tokens<N>) : undefined;
}

function sequence(token: string): number | undefined {
  const n = Number(token);
  return SEQUENCE.test(token) && Number.isSafeInteger(n) ? n : undefined;
}

/** The parser of a subject family whose one token after the prefix is an agency. */
const agencyOf =
  (family: string) =>
  (subject: string): { agency: string } | undefined => {
    const t = tokensAfter(subject, family, 1);
    return t && { agency: t[0] };
  };

/**
 * The parts of the subjects that services read a message's facts from; undefined for a
 * subject that is not one the matching builder makes, which the caller must refuse.
 */
export const parseSubject = {
  ingest: agencyOf(prefix.ingest),
  deliver: agencyOf(prefix.deliver),
  receiptEvents: agencyOf(prefix.receiptEvents),
  track: agencyOf(prefix.track),
  decision: (subject: string): { agency: string; ingestSeq: number } | undefined => {
    const t = tokensAfter(subject, prefix.decision, 2);
    const ingestSeq = t && sequence(t[1]);
    return t && ingestSeq !== undefined ? { agency: t[0], ingestSeq } : undefined;
  },
  serviceEvents: (subject: string): { service: string } | undefined => {
    const t = tokensAfter(subject, prefix.serviceEvents, 1);
    return t && { service: t[0] };
  },
  adapterRequest: (subject: string): { agency: string; what: AdapterRequest } | undefined => {
    const t = tokensAfter(subject, prefix.adapter, 2);
    const what = ADAPTER_REQUESTS.find((w) => w === t?.[1]);
    return t && what ? { agency: t[0], what } : undefined;
  },
  previewRequest: (subject: string): { agency: string; what: PreviewRequest } | undefined => {
    const t = tokensAfter(subject, prefix.preview, 2);
    const what = PREVIEW_REQUESTS.find((w) => w === t?.[1]);
    return t && what ? { agency: t[0], what } : undefined;
  },
  statisticsDelivery: (subject: string): { agency: string; period: string; version: number } | undefined => {
    const t = tokensAfter(subject, prefix.statisticsDelivery, 3);
    const version = t && sequence(t[2]);
    return t && version !== undefined && version > 0 ? { agency: t[0], period: t[1], version } : undefined;
  },
  widenRequest: (subject: string): { agency: string; op: WidenOp } | undefined => {
    const t = tokensAfter(subject, prefix.widen, 2);
    const op = WIDEN_REQUESTS.find((w) => w === t?.[1]);
    return t && op ? { agency: t[0], op } : undefined;
  },
} as const;
