import type { ServiceName } from '../../libs/bus/index.js';
import { environmentProblems, type Env } from '../../libs/settings/index.js';
import { serviceEnvironment } from '../../libs/stack/index.js';
import { readAuditConfig } from '../../services/audit/audit-config.js';
import { startAuditService } from '../../services/audit/audit-service.js';
import { readIngestConfig, type IngestConfig } from '../../services/ingest/ingest-config.js';
import { startIngestService } from '../../services/ingest/ingest-service.js';
import { readRedactionConfig } from '../../services/redaction/redaction-config.js';
import { startRedactionService } from '../../services/redaction/redaction-service.js';
import { readRoutingConfig, type RoutingConfig } from '../../services/routing/routing-config.js';
import { startRoutingService } from '../../services/routing/routing-service.js';
import type { CommonConfig } from '../../services/shared/common-config.js';
import { readStatisticsConfig } from '../../services/statistics/statistics-config.js';
import { startStatisticsService } from '../../services/statistics/statistics-service.js';
import type { RunningService } from '../../services/shared/run-service.js';
import type { TestBus } from './test-bus.js';

/**
 * A service's configuration as its reader makes it from the environment `stack up` gives
 * it, so every value a test does not set is the table's default; `settings` are the
 * test's own (shorter timeouts, say). No HTTP: tests reach in-process services over the bus.
 */
function configOf<C extends CommonConfig>(bus: TestBus, service: ServiceName, read: (env: Env) => C, settings: Env = {}): C {
  const misspelt = environmentProblems(service, new Map(Object.entries(settings))).filter((p) => p.kind === 'unknown');
  if (misspelt.length > 0) throw new Error(misspelt.map((p) => p.message).join('; '));
  const config = read({ ...serviceEnvironment(bus.layout, bus.state, bus.stack, service), ...settings });
  delete config.http;
  return config;
}

export interface TestServices {
  ingest: RunningService;
  routing: RunningService;
  redaction: RunningService;
  audit: RunningService;
  /** Absent when the test starts its own (startTestStatistics) or none. */
  statistics?: RunningService;
  stop(): Promise<void>;
}

export function startTestAudit(
  bus: TestBus,
  checkpoints: { checkpointEveryRecords?: number; checkpointEveryMs?: number } = {},
): Promise<RunningService> {
  return startAuditService({ ...configOf(bus, 'audit', readAuditConfig), ...checkpoints }, { retryDelayMs: 200 });
}

export interface TestServiceOptions {
  ingest?: Partial<IngestConfig>;
  audit?: { checkpointEveryRecords?: number; checkpointEveryMs?: number };
  /** Leave the statistics service out: the test starts one with periods of its own. */
  withoutStatistics?: boolean;
}

/** Unlimited and with short waits, so tests neither trip the rate limit nor wait out production timeouts. */
export function startTestIngest(bus: TestBus, overrides: Partial<IngestConfig> = {}): Promise<RunningService> {
  const settings = {
    ACCORD_RATE_LIMIT: '0',
    ACCORD_INGEST_CONCURRENCY: '32',
    ACCORD_STAGE_TIMEOUT_MS: '8000',
    ACCORD_SEEN_TTL_SECONDS: '3600',
  };
  return startIngestService(
    { ...configOf(bus, 'ingest', readIngestConfig, settings), ...overrides },
    { secret: bus.secret, retryBaseMs: 100 },
  );
}

export function startTestRouting(bus: TestBus, overrides: Partial<RoutingConfig> = {}): Promise<RunningService> {
  return startRoutingService({ ...configOf(bus, 'routing', readRoutingConfig, { ACCORD_REDACT_TIMEOUT_MS: '5000' }), ...overrides });
}

export function startTestRedaction(bus: TestBus): Promise<RunningService> {
  return startRedactionService(configOf(bus, 'redaction', readRedactionConfig), { secret: bus.secret });
}

/**
 * The statistics service, with periods of `periodSeconds` (calendar months when 0) and a
 * grace of `graceSeconds`, so a test sees a release seconds after it sent its notices.
 */
export function startTestStatistics(bus: TestBus, periodSeconds: number, graceSeconds: number): Promise<RunningService> {
  return startStatisticsService(
    configOf(bus, 'statistics', readStatisticsConfig, {
      ACCORD_STATS_PERIOD_SECONDS: String(periodSeconds),
      ACCORD_STATS_GRACE_SECONDS: String(graceSeconds),
    }),
  );
}

/**
 * The five services, in this process, each with its own credential, as `stack up` runs
 * them; the statistics service with its production periods (calendar months), so it
 * releases nothing while a test runs.
 */
export async function startTestServices(bus: TestBus, options: TestServiceOptions = {}): Promise<TestServices> {
  const audit = await startTestAudit(bus, options.audit);
  const statistics = options.withoutStatistics ? undefined : await startTestStatistics(bus, 0, 86_400);
  const redaction = await startTestRedaction(bus);
  const routing = await startTestRouting(bus);
  const ingest = await startTestIngest(bus, options.ingest);
  return {
    ingest,
    routing,
    redaction,
    audit,
    ...(statistics ? { statistics } : {}),
    async stop() {
      await ingest.stop();
      await routing.stop();
      await redaction.stop();
      await statistics?.stop();
      await audit.stop();
    },
  };
}
