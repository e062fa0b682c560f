import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connectBus, inboxPrefix, publishServiceEvents, requireStreams, streams, subjects } from '../../libs/bus/index.js';
import { readJsonFile, readSecretFile } from '../../libs/config/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { createLogger } from '../../libs/log/index.js';
import { AccordMetrics } from '../../libs/metrics/index.js';
import { signingKeyFromJwk } from '../../libs/signing/index.js';
import { serveProbes } from '../shared/service-probes.js';
import { once } from '../shared/once.js';
import type { RunningService } from '../shared/run-service.js';
import { serviceEvent } from '../shared/service-events.js';
import { serveStage } from '../shared/serve-stage.js';
import { v1 } from '../../libs/proto/index.js';
import { deliverViews } from './deliver-views.js';
import type { RedactionConfig } from './redaction-config.js';

export async function startRedactionService(config: RedactionConfig, overrides: { secret: Buffer }): Promise<RunningService> {
  const log = createLogger('redaction');
  const instance = randomUUID();
  const busKey = await signingKeyFromJwk(await readJsonFile(config.busSigningKeyFile, 'the bus signing key'), 'the bus signing key');
  const pseudonymKey = await readSecretFile(config.pseudonymKeyFile, 'the pseudonym key');
  if (pseudonymKey.length < 32) {
    throw new AccordError(
      'E_CONFIG',
      `ACCORD_PSEUDONYM_KEY_FILE: ${config.pseudonymKeyFile} holds ${pseudonymKey.length} bytes; expected at least 32 random bytes`,
    );
  }
  const nc = await connectBus({
    ...config.nats,
    name: 'accord-redaction',
    inboxPrefix: inboxPrefix({ kind: 'service', service: 'redaction' }),
  });
  const jsm = await jetstreamManager(nc);
  await requireStreams(jsm, [{ stream: streams.deliveries }, { stream: streams.events }]);
  const js = jetstream(nc);
  await publishServiceEvents(js, 'redaction', [serviceEvent('redaction', instance, 'started')]);

  const metrics = new AccordMetrics('redaction');
  const deps = { js, jsm, busKey, secret: overrides.secret, pseudonymKey, gridDegrees: config.gridDegrees, metrics, log };
  const sub = serveStage(
    nc,
    subjects.redact,
    'redaction',
    log,
    (data) => v1.RedactBatch.decode(data).requests as v1.RedactRequest[],
    (request) => deliverViews(deps, request),
  );
  const probes = await serveProbes(nc, 'redaction', config.http, () => ({ service: 'redaction', ready: !nc.isClosed() }), metrics).catch(
    async (error: unknown) => {
      await nc.close();
      throw error;
    },
  );

  return {
    stop: once(async () => {
      await probes.stop();
      await sub.drain();
      await publishServiceEvents(js, 'redaction', [serviceEvent('redaction', instance, 'stopped')]).catch(() => undefined);
      await nc.drain();
    }),
  };
}
