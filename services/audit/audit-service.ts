import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connectBus, inboxPrefix, publishServiceEvents, requireStreams, streams } from '../../libs/bus/index.js';
import { errorMessage } from '../../libs/errors/index.js';
import { createLogger } from '../../libs/log/index.js';
import { serveHealth } from '../shared/health-responder.js';
import { once } from '../shared/once.js';
import type { RunningService } from '../shared/run-service.js';
import { serviceEvent } from '../shared/service-events.js';
import type { AuditConfig } from './audit-config.js';
import { AuditWriter } from './audit-writer.js';

export async function startAuditService(config: AuditConfig, overrides: { retryDelayMs?: number } = {}): Promise<RunningService> {
  const log = createLogger('audit');
  const instance = randomUUID();
  const nc = await connectBus({ ...config.nats, name: 'accord-audit', inboxPrefix: inboxPrefix({ kind: 'service', service: 'audit' }) });
  const jsm = await jetstreamManager(nc);
  await requireStreams(jsm, [{ stream: streams.events }, { stream: streams.audit }]);
  const js = jetstream(nc);
  const writer = new AuditWriter(js, jsm, log, { maxBatchEvents: config.maxBatchEvents, retryDelayMs: overrides.retryDelayMs ?? 1000 });
  const running = writer.run().catch((error: unknown) => log.error('audit writer stopped', { error: errorMessage(error) }));
  await publishServiceEvents(js, 'audit', [serviceEvent('audit', instance, 'started')]);
  const health = serveHealth(nc, 'audit', () => ({ service: 'audit', ready: writer.isReady, detail: `chain height ${writer.height}` }));

  return {
    stop: once(async () => {
      health.unsubscribe();
      await publishServiceEvents(js, 'audit', [serviceEvent('audit', instance, 'stopped')]).catch(() => undefined);
      await writer.stop();
      await running;
      await nc.drain();
    }),
  };
}
