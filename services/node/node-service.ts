import { readJsonFile, readSecretFile } from '../../libs/config/index.js';
import { createLogger, type Logger } from '../../libs/log/index.js';
import {
  AccessLog,
  assertTransportAllowed,
  EventHub,
  LoginGuard,
  NodeCheckpointStore,
  NodeViewStore,
  OfficerStore,
  openNode,
  SessionStore,
  SubmissionStore,
  TokenStore,
  type ListenAddress,
} from '../../libs/node/index.js';
import { packageVersion } from '../../libs/stack/index.js';
import { parsePublicJwk, signingKeyFromJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { once } from '../shared/once.js';
import { buildNodeApp } from './node-app.js';
import { keepCheckpoints } from './keep-checkpoints.js';
import { connectNodeBus } from './node-bus.js';
import { NodeMetrics } from './node-metrics.js';
import { pullDeliveries } from './pull-deliveries.js';
import { watchDecisions } from './watch-decisions.js';

export interface NodeServeOptions {
  dir: string;
  listen: ListenAddress;
  tls?: { certFile: string; keyFile: string };
  /** How long POST /notices waits for ingest's decision before answering `pending` (default 5 s). */
  decisionWaitMs?: number;
  log?: Logger;
}

export interface RunningNode {
  /** Where it listens, with the port it bound: `https://127.0.0.1:8470`. */
  url: string;
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;

async function readTls(tls: NodeServeOptions['tls']): Promise<{ cert: Buffer; key: Buffer } | undefined> {
  if (!tls) return undefined;
  return {
    cert: await readSecretFile(tls.certFile, 'the TLS certificate (--tls-cert)'),
    key: await readSecretFile(tls.keyFile, 'the TLS key (--tls-key)'),
  };
}

/**
 * Runs an agency node: its database, its connection to the bus with its own credential,
 * the pull of its agency's deliveries (verified, committed, then acked), the settling of
 * its own submissions' decisions, the retention purge, and the HTTP API.
 */
export async function startNode(options: NodeServeOptions): Promise<RunningNode> {
  assertTransportAllowed(options.listen, options.tls !== undefined);
  const tls = await readTls(options.tls);
  const node = openNode(options.dir);
  const { config, db, cipher, sessionSecret } = node;
  const log = options.log ?? createLogger('node');
  const controller = new AbortController();
  try {
    const auditKey = config.auditPublicKey
      ? await verificationKeyFromJwk(
          await parsePublicJwk(await readJsonFile(config.auditPublicKey, 'the audit public key'), config.auditPublicKey),
        )
      : undefined;
    if (!auditKey) log.warn('node.json names no auditPublicKey: audit checkpoints are not kept');
    const signingKey = await signingKeyFromJwk(await readJsonFile(config.signingKey, "the agency's signing key"), config.signingKey);
    const bus = await connectNodeBus(config);
    const views = new NodeViewStore(db, cipher);
    const submissions = new SubmissionStore(db, cipher);
    const officers = new OfficerStore(db, cipher, config.agency);
    const events = new EventHub();
    const metrics = new NodeMetrics(config.agency);
    let consuming = false;
    const purge = (): void => {
      const removed = views.purgeReceivedBefore(new Date(Date.now() - config.retentionDays * 24 * HOUR_MS));
      if (removed > 0) log.info('views past the retention period purged', { count: removed });
    };
    purge();
    const purgeTimer = setInterval(purge, HOUR_MS);
    const pulling = pullDeliveries(
      { agency: config.agency, bus, views, events, metrics, log, onConsuming: (c) => (consuming = c) },
      controller.signal,
    );
    const watching = watchDecisions({ bus, submissions, events, log }, controller.signal);
    const keeping = auditKey
      ? keepCheckpoints({ agency: config.agency, bus, checkpoints: new NodeCheckpointStore(db), auditKey, log }, controller.signal)
      : Promise.resolve();
    const app = await buildNodeApp({
      agency: config.agency,
      signingKey,
      views,
      submissions,
      access: new AccessLog(db),
      officers,
      sessions: new SessionStore(db, sessionSecret, officers),
      tokens: new TokenStore(db),
      loginGuard: new LoginGuard(db, officers, cipher),
      bus,
      events,
      metrics,
      log,
      ready: () => consuming && !bus.nc.isClosed(),
      secureCookies: tls !== undefined,
      decisionWaitMs: options.decisionWaitMs ?? 5000,
      version: packageVersion(),
      ...(tls ? { https: tls } : {}),
    });
    await app.listen({ host: options.listen.host, port: options.listen.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.listen.port;
    const host = options.listen.host.includes(':') ? `[${options.listen.host}]` : options.listen.host;
    const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
    log.info('node listening', { agency: config.agency, port });
    return {
      url,
      stop: once(async () => {
        controller.abort();
        clearInterval(purgeTimer);
        await app.close();
        await Promise.allSettled([pulling, watching, keeping]);
        await bus.close();
        node.close();
      }),
    };
  } catch (error) {
    controller.abort();
    node.close();
    throw error;
  }
}
