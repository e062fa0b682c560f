import { startAuditService } from '../../services/audit/audit-service.js';
import { startIngestService } from '../../services/ingest/ingest-service.js';
import { startRedactionService } from '../../services/redaction/redaction-service.js';
import { startRoutingService } from '../../services/routing/routing-service.js';
import type { RunningService } from '../../services/shared/run-service.js';
import { DEFAULT_FRESHNESS, DEFAULT_INGEST_LIMITS } from '../../libs/ingest/index.js';
import type { IngestConfig } from '../../services/ingest/ingest-config.js';
import type { TestBus } from './test-bus.js';

export interface TestServices {
  ingest: RunningService;
  routing: RunningService;
  redaction: RunningService;
  audit: RunningService;
  stop(): Promise<void>;
}

export function startTestAudit(
  bus: TestBus,
  checkpoints: { checkpointEveryRecords?: number; checkpointEveryMs?: number } = {},
): Promise<RunningService> {
  return startAuditService(
    {
      nats: bus.natsFor({ kind: 'service', service: 'audit' }),
      maxBatchEvents: 2000,
      auditSigningKeyFile: bus.layout.auditSigningKey,
      checkpointEveryRecords: checkpoints.checkpointEveryRecords ?? 1000,
      checkpointEveryMs: checkpoints.checkpointEveryMs ?? 60_000,
    },
    { retryDelayMs: 200 },
  );
}

export interface TestServiceOptions {
  ingest?: Partial<IngestConfig>;
  audit?: { checkpointEveryRecords?: number; checkpointEveryMs?: number };
}

export function startTestIngest(bus: TestBus, overrides: Partial<IngestConfig> = {}): Promise<RunningService> {
  return startIngestService(
    {
      nats: bus.natsFor({ kind: 'service', service: 'ingest' }),
      redisUrl: bus.state.redisUrl,
      limits: DEFAULT_INGEST_LIMITS,
      freshness: DEFAULT_FRESHNESS,
      rate: { limit: 0, windowMs: 60_000 },
      concurrency: 32,
      stageTimeoutMs: 8000,
      maxAttempts: 5,
      seenTtlSeconds: 3600,
      ...overrides,
    },
    { secret: bus.secret, retryBaseMs: 100 },
  );
}

/** The four services, in this process, each with its own credential, as `stack up` runs them. */
export async function startTestServices(bus: TestBus, options: TestServiceOptions = {}): Promise<TestServices> {
  const audit = await startTestAudit(bus, options.audit);
  const redaction = await startRedactionService(
    {
      nats: bus.natsFor({ kind: 'service', service: 'redaction' }),
      busSigningKeyFile: bus.layout.busSigningKey,
      pseudonymKeyFile: bus.layout.pseudonymKey,
      gridDegrees: 1,
    },
    { secret: bus.secret },
  );
  const routing = await startRoutingService({ nats: bus.natsFor({ kind: 'service', service: 'routing' }), redactTimeoutMs: 5000 });
  const ingest = await startTestIngest(bus, options.ingest);
  return {
    ingest,
    routing,
    redaction,
    audit,
    async stop() {
      await ingest.stop();
      await routing.stop();
      await redaction.stop();
      await audit.stop();
    },
  };
}
