import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Redis } from 'ioredis';
import {
  connectBus,
  consumeDurable,
  consumers,
  inboxPrefix,
  openNoticeRegister,
  openRegistryBuckets,
  publishServiceEvents,
  requireStreams,
  streams,
  watchRegistry,
} from '../../libs/bus/index.js';
import { AccordError, errorMessage } from '../../libs/errors/index.js';
import { assertSubmissionLimitFits } from '../../libs/ingest/index.js';
import { createLogger } from '../../libs/log/index.js';
import { AccordMetrics } from '../../libs/metrics/index.js';
import { VerificationKeyCache } from '../../libs/signing/index.js';
import { serveProbes } from '../shared/service-probes.js';
import { once } from '../shared/once.js';
import type { RunningService } from '../shared/run-service.js';
import { serviceEvent } from '../shared/service-events.js';
import type { IngestConfig } from './ingest-config.js';
import { serveAdapterRequests } from './adapter-requests.js';
import { SubmissionProcessor } from './process-submission.js';
import { RateLimiter } from './rate-limiter.js';
import { SeenNotices } from './seen-notices.js';

export interface IngestOverrides {
  secret: Buffer;
  /** First retry delay; doubles per attempt up to 30 s. */
  retryBaseMs?: number;
}

/** Fails fast while Redis is away (no queueing), and keeps reconnecting for ever. */
async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    enableReadyCheck: true,
    // Commands issued in the same turn go out in one write: one round trip for a batch of submissions.
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new AccordError('E_UNAVAILABLE', `cannot reach Redis at ${url.replace(/\/\/[^@]*@/, '//')}: ${errorMessage(error)}`);
  }
}

export async function startIngestService(config: IngestConfig, overrides: IngestOverrides): Promise<RunningService> {
  const log = createLogger('ingest');
  const metrics = new AccordMetrics('ingest');
  const instance = randomUUID();
  const nc = await connectBus({ ...config.nats, name: 'accord-ingest', inboxPrefix: inboxPrefix({ kind: 'service', service: 'ingest' }) });
  const jsm = await jetstreamManager(nc);
  // The bus is checked before Redis is reached (a missing stream or a size limit the
  // broker cannot carry is reported as such), and NATS is closed on any failure.
  const redis = await (async () => {
    await requireStreams(jsm, [
      { stream: streams.ingest, consumer: consumers.ingest },
      { stream: streams.events },
      { stream: streams.quarantine },
    ]);
    const ingestStream = await jsm.streams.info(streams.ingest);
    assertSubmissionLimitFits(config.limits.maxSubmissionBytes, {
      streamMaxMsgSize: ingestStream.config.max_msg_size ?? -1,
      serverMaxPayload: nc.info?.max_payload ?? 0,
    });
    return connectRedis(config.redisUrl);
  })().catch(async (error: unknown) => {
    await nc.close();
    throw error;
  });
  const js = jetstream(nc);
  const live = await watchRegistry(await openRegistryBuckets(nc), (error) =>
    log.error('registry update failed', { error: errorMessage(error) }),
  );
  const processor = new SubmissionProcessor({
    nc,
    js,
    jsm,
    seen: new SeenNotices(redis, config.seenTtlSeconds),
    register: await openNoticeRegister(nc),
    rate: new RateLimiter(redis, config.rate),
    verify: { registry: live.registry, keys: new VerificationKeyCache(), limits: config.limits, freshness: config.freshness },
    secret: overrides.secret,
    log,
    metrics,
    stageTimeoutMs: config.stageTimeoutMs,
    maxAttempts: config.maxAttempts,
    retryBaseMs: overrides.retryBaseMs ?? 1000,
  });
  await publishServiceEvents(js, 'ingest', [serviceEvent('ingest', instance, 'started')]);

  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const adapterRequests = serveAdapterRequests(nc, js, jsm, log);
  let consuming = false;
  metrics.observeConsumers(async () => {
    const info = await jsm.consumers.info(streams.ingest, consumers.ingest);
    return { [consumers.ingest]: info.num_pending + info.num_ack_pending };
  });

  // Without Redis no replay check is possible: take no work until it is back.
  const redisReady = (): Promise<void> =>
    redis.status === 'ready' ? Promise.resolve() : new Promise((resolve) => redis.once('ready', () => resolve()));
  const loop = consumeDurable(
    () => js.consumers.get(streams.ingest, consumers.ingest),
    {
      maxMessages: config.concurrency,
      signal: stopping.signal,
      onRestart: (reason) => log.warn('ingest consumer restarted', { reason }),
      onConsuming: (active) => (consuming = active),
    },
    async (msg) => {
      if (redis.status !== 'ready') {
        msg.nak(1000);
        log.warn('paused: Redis is unreachable; no submission is taken until it returns');
        await redisReady();
        log.info('resumed: Redis is back');
        return;
      }
      const p: Promise<void> = processor.process(msg).finally(() => inFlight.delete(p));
      inFlight.add(p);
      // Back-pressure: take no more than `concurrency` at once.
      if (inFlight.size >= config.concurrency) await Promise.race(inFlight);
    },
  );

  const probes = await serveProbes(
    nc,
    'ingest',
    config.http,
    () => {
      const problem = nc.isClosed()
        ? 'NATS connection closed'
        : redis.status !== 'ready'
          ? `Redis ${redis.status}`
          : !consuming
            ? 'ingest consumer not pulling'
            : undefined;
      return { service: 'ingest', ready: !problem, ...(problem ? { detail: problem } : {}) };
    },
    metrics,
  ).catch(async (error: unknown) => {
    stopping.abort();
    await loop;
    await nc.close();
    redis.disconnect();
    throw error;
  });

  return {
    stop: once(async () => {
      stopping.abort();
      await loop;
      await Promise.allSettled(inFlight);
      await probes.stop();
      await adapterRequests.drain();
      live.stop();
      await publishServiceEvents(js, 'ingest', [serviceEvent('ingest', instance, 'stopped')]).catch(() => undefined);
      await nc.drain();
      await redis.quit().catch(() => undefined);
    }),
  };
}
