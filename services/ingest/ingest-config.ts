import { EnvReader, type Env } from '../../libs/config/index.js';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from '../../libs/ingest/index.js';
import { readCommonConfig, type CommonConfig } from '../shared/common-config.js';

export interface IngestConfig extends CommonConfig {
  redisUrl: string;
  limits: IngestLimits;
  /** Submissions processed at once. */
  concurrency: number;
  /** How long to wait for routing and redaction (all deliveries stored) per submission. */
  stageTimeoutMs: number;
  /** Attempts before a submission that keeps failing is quarantined E_PROCESSING_FAILED. */
  maxAttempts: number;
  /** How long an accepted noticeId is remembered for replay detection. */
  seenTtlSeconds: number;
}

export function readIngestConfig(env: Env): IngestConfig {
  const r = new EnvReader(env);
  return {
    ...readCommonConfig(env),
    redisUrl: r.url('ACCORD_REDIS_URL', ['redis', 'rediss']),
    limits: {
      ...DEFAULT_INGEST_LIMITS,
      maxSubmissionBytes: r.integer('ACCORD_MAX_SUBMISSION_BYTES', DEFAULT_INGEST_LIMITS.maxSubmissionBytes, 1024, 16 * 1024 * 1024),
    },
    concurrency: r.integer('ACCORD_INGEST_CONCURRENCY', 64, 1, 4096),
    stageTimeoutMs: r.integer('ACCORD_STAGE_TIMEOUT_MS', 15_000, 100, 600_000),
    maxAttempts: r.integer('ACCORD_MAX_ATTEMPTS', 5, 1, 100),
    seenTtlSeconds: r.integer('ACCORD_SEEN_TTL_SECONDS', 7 * 24 * 3600, 60),
  };
}
