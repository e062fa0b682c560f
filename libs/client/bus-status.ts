import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { openSignedCheckpoint } from '../audit/index.js';
import { consumers, SERVICES, streams, subjects } from '../bus/index.js';
import { dateFromTimestamp, v1 } from '../proto/index.js';
import { readStream } from './read-stream.js';

export interface StreamDepth {
  stream: string;
  messages: number;
  bytes: number;
}

export interface ConsumerLag {
  /** "ingest", or the agency whose inbox, node or checkpoint feed it is. */
  owner: string;
  consumer: string;
  /** Not yet delivered. */
  pending: number;
  /** Delivered, not yet acknowledged. */
  ackPending: number;
  redelivered: number;
}

export interface ServiceReadiness {
  service: string;
  /** Instances that answered (each answers for itself), with the process and the HTTP port each reported. */
  instances: { ready: boolean; detail?: string; pid?: number; httpPort?: number }[];
}

export interface BusStatus {
  at: string;
  streams: StreamDepth[];
  consumers: ConsumerLag[];
  /** Quarantined submissions of the last hour, by reason code. */
  quarantinedLastHour: Record<string, number>;
  audit: { height: number; lastCheckpointSize?: number; checkpointAgeSeconds?: number };
  services: ServiceReadiness[];
}

/** Every running instance's answer on the service's health subject (none: none is running). */
export async function serviceReadiness(nc: NatsConnection, service: string): Promise<ServiceReadiness> {
  const instances: ServiceReadiness['instances'] = [];
  try {
    const replies = await nc.requestMany(subjects.health(service), new Uint8Array(), { maxWait: 750 });
    for await (const reply of replies) {
      const report = JSON.parse(new TextDecoder().decode(reply.data)) as {
        ready?: boolean;
        detail?: string;
        pid?: number;
        httpPort?: number;
      };
      instances.push({
        ready: report.ready === true,
        ...(report.detail ? { detail: report.detail } : {}),
        ...(typeof report.pid === 'number' ? { pid: report.pid } : {}),
        ...(typeof report.httpPort === 'number' ? { httpPort: report.httpPort } : {}),
      });
    }
  } catch {
    // No responder: no instance is running.
  }
  return { service, instances };
}

/** The first sequence stored at or after `time` (a binary search over the stream's timestamps), if any. */
async function firstSeqSince(jsm: JetStreamManager, stream: string, time: Date): Promise<number | undefined> {
  const { first_seq: first, last_seq: last, messages } = (await jsm.streams.info(stream)).state;
  if (messages === 0) return undefined;
  // A message gone from the middle (none are deleted there) would count as older.
  const timeOf = async (seq: number): Promise<number> =>
    (await jsm.streams.getMessage(stream, { seq }))?.time.getTime() ?? Number.NEGATIVE_INFINITY;
  if ((await timeOf(last)) < time.getTime()) return undefined;
  let lo = first;
  let hi = last;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await timeOf(mid)) < time.getTime()) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function auditState(jsm: JetStreamManager): Promise<BusStatus['audit']> {
  const audit = await jsm.streams.info(streams.audit);
  let height = 0;
  if (audit.state.last_seq > 0) {
    const stored = await jsm.streams.getMessage(streams.audit, { seq: audit.state.last_seq });
    const last = stored ? v1.AuditBlock.decode(stored.data).records.at(-1) : undefined;
    if (last?.body) height = Number(v1.AuditRecord.decode(last.body).index) + 1;
  }
  const cps = await jsm.streams.info(streams.checkpoints);
  const stored = cps.state.last_seq > 0 ? await jsm.streams.getMessage(streams.checkpoints, { seq: cps.state.last_seq }) : null;
  if (!stored) return { height };
  const { checkpoint } = openSignedCheckpoint(stored.data);
  const time = checkpoint.time ? dateFromTimestamp(checkpoint.time).getTime() : Date.now();
  return {
    height,
    lastCheckpointSize: Number(checkpoint.treeSize),
    checkpointAgeSeconds: Math.max(0, Math.round((Date.now() - time) / 1000)),
  };
}

/**
 * What an operator needs at a glance, read with the operator's credential: each stream's
 * depth, the lag of ingest's consumer and of every agency's inbox, node and checkpoint
 * feed, quarantines of the last hour by code, the audit chain's height and checkpoint age,
 * and which service instances answer as ready.
 */
export async function readBusStatus(nc: NatsConnection, js: JetStreamClient, jsm: JetStreamManager): Promise<BusStatus> {
  const depths: StreamDepth[] = [];
  for (const stream of Object.values(streams)) {
    const info = await jsm.streams.info(stream);
    depths.push({ stream, messages: info.state.messages, bytes: info.state.bytes });
  }
  const lags: ConsumerLag[] = [];
  for (const stream of [streams.ingest, streams.deliveries, streams.checkpoints, streams.statisticsInput]) {
    for await (const c of jsm.consumers.list(stream)) {
      const owner =
        c.name === consumers.ingest || c.name === consumers.statistics ? c.name : c.name.replace(/^(inbox|node|checkpoints)-/, '');
      lags.push({ owner, consumer: c.name, pending: c.num_pending, ackPending: c.num_ack_pending, redelivered: c.num_redelivered });
    }
  }
  const quarantinedLastHour: Record<string, number> = {};
  const since = await firstSeqSince(jsm, streams.quarantine, new Date(Date.now() - 3_600_000));
  if (since !== undefined) {
    await readStream(js, jsm, streams.quarantine, { startSeq: since }, (msg) => {
      const code = v1.QuarantineRecord.decode(msg.data).code || 'unknown';
      quarantinedLastHour[code] = (quarantinedLastHour[code] ?? 0) + 1;
    });
  }
  return {
    at: new Date().toISOString(),
    streams: depths,
    consumers: lags.sort((a, b) => a.consumer.localeCompare(b.consumer)),
    quarantinedLastHour,
    audit: await auditState(jsm),
    services: await Promise.all(SERVICES.map((s) => serviceReadiness(nc, s))),
  };
}

/** The status as an operator reads it on a terminal. */
export function formatBusStatus(s: BusStatus): string {
  const out: string[] = [`Accord status at ${s.at}`, '', 'services'];
  for (const svc of s.services) {
    const ready = svc.instances.filter((i) => i.ready).length;
    const details = svc.instances.map((i) => i.detail).filter(Boolean);
    out.push(
      `  ${svc.service.padEnd(10)} ${svc.instances.length === 0 ? 'NOT RUNNING' : `${ready} of ${svc.instances.length} ready`}${details.length ? `  (${details.join('; ')})` : ''}`,
    );
  }
  out.push('', 'streams (messages, bytes)');
  const width = Math.max(20, ...s.streams.map((d) => d.stream.length));
  for (const d of s.streams) out.push(`  ${d.stream.padEnd(width)} ${String(d.messages).padStart(10)} ${String(d.bytes).padStart(14)}`);
  out.push('', 'consumer lag (pending, awaiting ack, redelivered)');
  for (const c of s.consumers)
    out.push(
      `  ${c.consumer.padEnd(32)} ${String(c.pending).padStart(8)} ${String(c.ackPending).padStart(8)} ${String(c.redelivered).padStart(8)}`,
    );
  const codes = Object.entries(s.quarantinedLastHour).sort((a, b) => b[1] - a[1]);
  out.push('', `quarantined in the last hour: ${codes.reduce((a, [, n]) => a + n, 0)}`);
  for (const [code, n] of codes) out.push(`  ${code.padEnd(24)} ${n}`);
  const cp =
    s.audit.lastCheckpointSize === undefined
      ? 'no checkpoint yet'
      : `last checkpoint seals ${s.audit.lastCheckpointSize} records, ${s.audit.checkpointAgeSeconds} s ago`;
  out.push('', `audit chain: ${s.audit.height} records; ${cp}`);
  return `${out.join('\n')}\n`;
}
