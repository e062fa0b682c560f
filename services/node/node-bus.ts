import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectBus, inboxPrefix } from '../../libs/bus/index.js';
import {
  askDirectory,
  askPreview,
  awaitDecision,
  listOwnQuarantine,
  listWiden,
  publishSubmission,
  readReleases,
  refuseWiden,
  registryKeys,
  releaseWidenUntilAnswered,
  requestWiden,
  sendReceipt,
  trackNotice,
  type InboxKeys,
  type ReleaseQuery,
  readBusVerificationKey,
} from '../../libs/client/index.js';
import { AccordError, errorMessage, isAccordError } from '../../libs/errors/index.js';
import type { NodeConfig } from '../../libs/node/index.js';
import type { CaseNoticeProps, v1 } from '../../libs/proto/index.js';
import type { Release } from '../../libs/statistics/index.js';

/** What the node asks of the bus, with its own credential, for its agency only. */
export interface NodeBus {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly keys: InboxKeys;
  submit(noticeId: string, signed: Uint8Array): Promise<{ seq: number }>;
  /** Ingest's decision on a submission, or undefined when it has none yet after `waitMs`. */
  decision(seq: number, waitMs: number): Promise<v1.Decision | undefined>;
  track(noticeId: string): Promise<v1.TrackReport>;
  receipt(noticeId: string, reader: string): Promise<void>;
  quarantine(): Promise<v1.QuarantineRecord[]>;
  /** What the running policy would give each agency for a draft of the agency's; nothing is sent. */
  preview(draft: CaseNoticeProps): Promise<v1.DraftPreview>;
  /** The agencies registered on the bus (the addressee picker's list). */
  directory(): Promise<v1.DirectoryEntry[]>;
  /** Requests to widen, asked of routing: the agency's own and those addressed to it as an issuer (newest first). */
  widenList(): Promise<v1.WidenRecord[]>;
  widenRequest(request: v1.WidenRequest.$Properties): Promise<v1.WidenRecord>;
  widenRelease(submission: v1.ReleaseSubmission.$Properties): Promise<v1.WidenRecord>;
  widenRefuse(refusal: v1.WidenRefusal.$Properties): Promise<v1.WidenRecord>;
  /** The statistical releases delivered to the agency (a research agency's), each verified. */
  statistics(query: ReleaseQuery): Promise<Release[]>;
  close(): Promise<void>;
}

/** A failure to reach the bus is the caller's 503 (try again), not the node's 500. */
async function onBus<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isAccordError(error)) throw error;
    throw new AccordError('E_UNAVAILABLE', `${what}: the bus did not answer (${errorMessage(error)}); try again`, {
      cause: error,
      retryable: true,
    });
  }
}

/** Connects as the node's identity (its own credential and reply prefix; the broker allows it its agency's subjects only). */
export async function connectNodeBus(config: NodeConfig): Promise<NodeBus> {
  const agency = config.agency;
  const nc = await connectBus({
    url: config.natsUrl,
    name: `accord-node.${agency}`,
    credsFile: config.credentials,
    inboxPrefix: inboxPrefix({ kind: 'node', agency }),
    reconnect: true,
    ...(config.caFile ? { caFile: config.caFile } : {}),
  });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  const keys: InboxKeys = { bus: await readBusVerificationKey(config.busPublicKey), originators: registryKeys(jsm) };
  return {
    nc,
    js,
    jsm,
    keys,
    submit: (noticeId, signed) => onBus('publishing the notice', () => publishSubmission(js, agency, noticeId, signed)),
    async decision(seq, waitMs) {
      try {
        return await awaitDecision(nc, agency, seq, waitMs);
      } catch (error) {
        if (isAccordError(error) && error.code === 'E_TIMEOUT') return undefined;
        throw error;
      }
    },
    track: (noticeId) => onBus('tracking the notice', () => trackNotice(nc, agency, noticeId, 10_000)),
    receipt: (noticeId, reader) => onBus('sending the read receipt', () => sendReceipt(js, agency, noticeId, reader)),
    quarantine: () => onBus('listing the quarantine', () => listOwnQuarantine(nc, agency, {})),
    preview: (draft) => onBus('previewing the draft', () => askPreview(nc, agency, draft, 10_000)),
    directory: () => onBus('reading the agency directory', () => askDirectory(nc, agency, 10_000)),
    widenList: () => onBus('listing the requests to widen', () => listWiden(nc, agency, 10_000)),
    widenRequest: (request) => onBus('asking to widen', () => requestWiden(nc, agency, request, 10_000)),
    // Sent again while the bus does not answer, as accord widen release does: delivered once however often.
    widenRelease: (submission) =>
      onBus('releasing', () => releaseWidenUntilAnswered(nc, agency, submission, { attemptMs: 10_000, deadlineMs: 30_000 })),
    widenRefuse: (refusal) => onBus('refusing', () => refuseWiden(nc, agency, refusal, 10_000)),
    statistics: (query) => onBus('reading the statistical releases', () => readReleases(jsm, agency, keys.bus, query)),
    close: () => nc.drain().catch(() => nc.close()),
  };
}
