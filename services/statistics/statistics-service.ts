import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import {
  connectBus,
  consumeDurable,
  consumers,
  inboxPrefix,
  openRegistryBuckets,
  openStatisticsBucket,
  publishServiceEvents,
  requireStreams,
  streams,
  watchRegistry,
} from '../../libs/bus/index.js';
import { readJsonFile } from '../../libs/config/index.js';
import { errorMessage, isAccordError } from '../../libs/errors/index.js';
import { createLogger, type Logger } from '../../libs/log/index.js';
import { AccordMetrics } from '../../libs/metrics/index.js';
import { v1 } from '../../libs/proto/index.js';
import { signingKeyFromJwk } from '../../libs/signing/index.js';
import { serveProbes } from '../shared/service-probes.js';
import { once } from '../shared/once.js';
import type { RunningService } from '../shared/run-service.js';
import { serviceEvent } from '../shared/service-events.js';
import { applyStatisticsRecord } from './apply-record.js';
import { releaseDuePeriods, type ReleaseDeps } from './release-periods.js';
import type { StatisticsConfig } from './statistics-config.js';
import { StatisticsState } from './statistics-state.js';

/**
 * A record that cannot be read is routing's bug, not a passing failure: retrying it would
 * block every record after it, so it is dropped with an error in the log naming its sequence.
 */
function readRecord(msg: JsMsg, log: Logger): v1.StatisticsRecord | undefined {
  try {
    return v1.StatisticsRecord.decode(msg.data);
  } catch (error) {
    log.error('statistics record cannot be decoded; dropped, its notice is not counted', { seq: msg.seq, error: errorMessage(error) });
    return undefined;
  }
}

/** Ticks a release waits for the records in the input stream to be applied before it goes ahead regardless. */
const MAX_BACKLOG_TICKS = 20;

/** How often the service looks for periods due a release: a quarter of the grace, from 0.5 s to a minute. */
function tickMs(graceSeconds: number): number {
  return Math.min(60_000, Math.max(500, graceSeconds * 250));
}

export async function startStatisticsService(config: StatisticsConfig): Promise<RunningService> {
  const log = createLogger('statistics');
  const metrics = new AccordMetrics('statistics');
  const instance = randomUUID();
  const busKey = await signingKeyFromJwk(await readJsonFile(config.busSigningKeyFile, 'the bus signing key'), 'the bus signing key');
  const nc = await connectBus({
    ...config.nats,
    name: 'accord-statistics',
    inboxPrefix: inboxPrefix({ kind: 'service', service: 'statistics' }),
  });
  const jsm = await jetstreamManager(nc);
  await requireStreams(jsm, [{ stream: streams.statisticsInput, consumer: consumers.statistics }, { stream: streams.statistics }]);
  const js = jetstream(nc);
  const live = await watchRegistry(await openRegistryBuckets(nc), (error) =>
    log.error('registry update failed', { error: errorMessage(error) }),
  );
  const state = new StatisticsState(await openStatisticsBucket(nc), config.scheme);
  await publishServiceEvents(js, 'statistics', [serviceEvent('statistics', instance, 'started')]);

  const stopping = new AbortController();
  let consuming = false;
  const loop = consumeDurable(
    () => js.consumers.get(streams.statisticsInput, consumers.statistics),
    {
      maxMessages: 64,
      signal: stopping.signal,
      onRestart: (reason) => log.warn('statistics consumer restarted', { reason }),
      onConsuming: (active) => (consuming = active),
    },
    async (msg) => {
      const record = readRecord(msg, log);
      try {
        if (record) await applyStatisticsRecord(state, record, config.scheme, new Date());
        await msg.ackAck();
      } catch (error) {
        if (isAccordError(error) && !error.retryable && error.code === 'E_STATE') {
          log.error('statistics record refused; dropped, its notice is not counted', {
            seq: msg.seq,
            code: error.code,
            error: error.message,
          });
          msg.term();
          return;
        }
        log.warn('statistics record not applied; retried', { seq: msg.seq, error: errorMessage(error) });
        msg.nak(1000);
      }
    },
  );

  const deps: ReleaseDeps = {
    state,
    js,
    registry: live.registry,
    jsm,
    busKey,
    graceSeconds: config.graceSeconds,
    k: config.minCell,
    log,
  };
  // A release counts what routing has sent: while records wait, it waits (a few ticks at most, so a steady stream cannot hold it back).
  let waited = 0;
  const backlogged = async (): Promise<boolean> => {
    const info = await jsm.consumers.info(streams.statisticsInput, consumers.statistics);
    waited = info.num_pending + info.num_ack_pending > 0 && waited < MAX_BACKLOG_TICKS ? waited + 1 : 0;
    return waited > 0;
  };
  const releaseTick = async (): Promise<void> => {
    if (await backlogged()) return;
    await releaseDuePeriods(deps, new Date());
  };
  let releasing: Promise<void> | undefined;
  const timer = setInterval(() => {
    releasing ??= releaseTick()
      .catch((error: unknown) => log.warn('releasing periods failed; tried again at the next tick', { error: errorMessage(error) }))
      .finally(() => (releasing = undefined));
  }, tickMs(config.graceSeconds));

  const probes = await serveProbes(
    nc,
    'statistics',
    config.http,
    () => ({ service: 'statistics', ready: !nc.isClosed() && consuming, ...(consuming ? {} : { detail: 'not consuming records' }) }),
    metrics,
  ).catch(async (error: unknown) => {
    await nc.close();
    throw error;
  });

  return {
    stop: once(async () => {
      clearInterval(timer);
      await probes.stop();
      stopping.abort();
      await loop;
      await releasing;
      live.stop();
      await publishServiceEvents(js, 'statistics', [serviceEvent('statistics', instance, 'stopped')]).catch(() => undefined);
      await nc.drain();
    }),
  };
}
