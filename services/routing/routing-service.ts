import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  connectBus,
  inboxPrefix,
  messageIds,
  openNoticeRegister,
  openPolicyBucket,
  openWidenBook,
  openRegistryBuckets,
  publishServiceEvents,
  requireStreams,
  streams,
  subjects,
  watchRegistry,
} from '../../libs/bus/index.js';
import { AccordError, errorMessage } from '../../libs/errors/index.js';
import { createLogger } from '../../libs/log/index.js';
import { AccordMetrics } from '../../libs/metrics/index.js';
import { serveProbes } from '../shared/service-probes.js';
import { once } from '../shared/once.js';
import type { RunningService } from '../shared/run-service.js';
import { serviceEvent } from '../shared/service-events.js';
import { serveStage } from '../shared/serve-stage.js';
import { acceptedNoticeSize, stageClient } from '../shared/stage-client.js';
import { v1 } from '../../libs/proto/index.js';
import type { RoutingConfig } from './routing-config.js';
import { PolicyInForce } from './policy-in-force.js';
import { routeNotice, type StatisticsSink } from './route-notice.js';
import { servePreviews } from './serve-previews.js';
import { serveWiden } from './serve-widen.js';
import { VerificationKeyCache } from '../../libs/signing/index.js';

export async function startRoutingService(config: RoutingConfig): Promise<RunningService> {
  const log = createLogger('routing');
  const metrics = new AccordMetrics('routing');
  const instance = randomUUID();
  const nc = await connectBus({
    ...config.nats,
    name: 'accord-routing',
    inboxPrefix: inboxPrefix({ kind: 'service', service: 'routing' }),
  });
  await requireStreams(await jetstreamManager(nc), [{ stream: streams.events }, { stream: streams.statisticsInput }]);
  const live = await watchRegistry(await openRegistryBuckets(nc), (error) =>
    log.error('registry update failed', { error: errorMessage(error) }),
  );
  const policy = new PolicyInForce(log);
  await policy.start(await openPolicyBucket(nc));
  const register = await openNoticeRegister(nc);
  const js = jetstream(nc);
  await publishServiceEvents(js, 'routing', [serviceEvent('routing', instance, 'started')]);

  const redactionCodec = {
    encodeBatch: (requests: v1.RedactRequest.$Properties[]) => v1.RedactBatch.encode({ requests }).finish(),
    sizeOf: (r: v1.RedactRequest.$Properties) => acceptedNoticeSize(r.notice ?? {}) + 256 * (r.grants?.length ?? 0),
  };
  const redaction = stageClient(nc, subjects.redact, redactionCodec, config.redactTimeoutMs);
  const statistics: StatisticsSink = async (record) => {
    try {
      await js.publish(subjects.statisticsInput, v1.StatisticsRecord.encode(record).finish(), {
        msgID: messageIds.statisticsRecord(record.noticeId ?? ''),
      });
    } catch (error) {
      throw new AccordError('E_UNAVAILABLE', `the statistics record of ${record.noticeId}: ${errorMessage(error)}`, {
        retryable: true,
        cause: error,
      });
    }
  };
  const sub = serveStage(
    nc,
    subjects.route,
    'routing',
    log,
    // Decoded messages are full instances; protobufjs types repeated fields by their interface only.
    (data) => v1.RouteBatch.decode(data).notices as v1.AcceptedNotice[],
    (accepted) => metrics.time('routing', () => routeNotice(statistics, redaction, register, live.registry, policy.current, accepted, log)),
  );
  const previews = servePreviews(nc, live.registry, () => policy.current, log);
  const widen = serveWiden({
    nc,
    js,
    register,
    book: await openWidenBook(nc),
    registry: live.registry,
    keys: new VerificationKeyCache(),
    policy: () => policy.current,
    redaction,
    log,
  });
  const probes = await serveProbes(
    nc,
    'routing',
    config.http,
    () => ({ service: 'routing', ready: !nc.isClosed() && policy.version !== undefined, policyVersion: policy.version ?? '' }),
    metrics,
  ).catch(async (error: unknown) => {
    await nc.close();
    throw error;
  });

  return {
    stop: once(async () => {
      await probes.stop();
      await sub.drain();
      await previews.drain();
      await widen.drain();
      live.stop();
      policy.stop();
      await publishServiceEvents(js, 'routing', [serviceEvent('routing', instance, 'stopped')]).catch(() => undefined);
      await nc.drain();
    }),
  };
}
