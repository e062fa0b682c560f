import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { Subscription } from '@nats-io/transport-node';
import { connectBus, inboxPrefix, publishServiceEvents, requireStreams, streams, WriterLease } from '../../libs/bus/index.js';
import { readJsonFile } from '../../libs/config/index.js';
import { errorMessage } from '../../libs/errors/index.js';
import { createLogger } from '../../libs/log/index.js';
import { AccordMetrics } from '../../libs/metrics/index.js';
import { signingKeyFromJwk } from '../../libs/signing/index.js';
import { serveProbes } from '../shared/service-probes.js';
import { once } from '../shared/once.js';
import type { RunningService } from '../shared/run-service.js';
import { serviceEvent } from '../shared/service-events.js';
import type { AuditConfig } from './audit-config.js';
import { AuditWriter } from './audit-writer.js';
import { serveTrack } from './track-notice.js';

export async function startAuditService(config: AuditConfig, overrides: { retryDelayMs?: number } = {}): Promise<RunningService> {
  const log = createLogger('audit');
  const metrics = new AccordMetrics('audit');
  const instance = randomUUID();
  const auditKey = await signingKeyFromJwk(
    await readJsonFile(config.auditSigningKeyFile, 'the audit signing key'),
    'the audit signing key',
  );
  const nc = await connectBus({ ...config.nats, name: 'accord-audit', inboxPrefix: inboxPrefix({ kind: 'service', service: 'audit' }) });
  const jsm = await jetstreamManager(nc);
  await requireStreams(jsm, [{ stream: streams.events }, { stream: streams.audit }, { stream: streams.checkpoints }]);
  const js = jetstream(nc);
  const lease = await WriterLease.open(nc, instance);
  // Only the writer knows where each notice's records are, so only it answers `track`.
  let track: Subscription | undefined;
  const writer = new AuditWriter(js, jsm, auditKey, lease, log, {
    maxBatchEvents: config.maxBatchEvents,
    checkpointEveryRecords: config.checkpointEveryRecords,
    checkpointEveryMs: config.checkpointEveryMs,
    retryDelayMs: overrides.retryDelayMs ?? 1000,
    onWriting: (writing) => {
      if (writing && !track) track = serveTrack(nc, jsm, (noticeId) => writer.blocksOf(noticeId), log);
      if (!writing && track) {
        track.unsubscribe();
        track = undefined;
      }
    },
  });
  const running = writer.run().catch((error: unknown) => log.error('audit writer stopped', { error: errorMessage(error) }));
  await publishServiceEvents(js, 'audit', [serviceEvent('audit', instance, 'started')]);
  metrics.observeChain(() => (writer.isReady ? { height: writer.height, checkpointAgeSeconds: writer.checkpointAgeMs / 1000 } : undefined));
  metrics.observeConsumers(async () =>
    writer.isReady ? { 'audit-writer': (await jsm.streams.info(streams.events)).state.last_seq - writer.chainedSourceSeq } : {},
  );
  const probes = await serveProbes(
    nc,
    'audit',
    config.http,
    () => ({
      service: 'audit',
      ready: writer.isReady || writer.isStandby,
      detail: writer.isStandby ? 'standby' : writer.isReady ? `writer, chain height ${writer.height}` : 'loading the chain',
    }),
    metrics,
  ).catch(async (error: unknown) => {
    await writer.stop();
    await nc.close();
    throw error;
  });

  return {
    stop: once(async () => {
      await probes.stop();
      const serving = track;
      track = undefined;
      await serving?.drain();
      await publishServiceEvents(js, 'audit', [serviceEvent('audit', instance, 'stopped')]).catch(() => undefined);
      await writer.stop();
      await running;
      await nc.drain();
    }),
  };
}
