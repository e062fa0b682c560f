import { EnvReader, type Env } from '../../libs/config/index.js';
import { DEFAULT_FRESHNESS, DEFAULT_INGEST_LIMITS, type FreshnessWindow, type IngestLimits } from '../../libs/ingest/index.js';
import { readCommonConfig, type CommonConfig } from '../shared/common-config.js';
import type { RateLimit } from './rate-limiter.js';

export interface IngestConfig extends CommonConfig {
  redisUrl: string;
  limits: IngestLimits;
  freshness: FreshnessWindow;
  rate: RateLimit;
  /** Submissions processed at once. */
  concurrency: number;
  /** How long to wait for routing and redaction (all deliveries stored) per submission. */
  stageTimeoutMs: number;
  /** Attempts before a submission that keeps failing is quarantined E_PROCESSING_FAILED. */
  maxAttempts: number;
  /** How long an accepted noticeId is remembered: well beyond the freshness window. */
  seenTtlSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 3000, windowMs: 60_000 };

export function readIngestConfig(env: Env): IngestConfig {
  const r = new EnvReader(env);
  const d = DEFAULT_INGEST_LIMITS;
  return {
    ...readCommonConfig(env),
    redisUrl: r.url('ACCORD_REDIS_URL', ['redis', 'rediss', 'unix']),
    limits: {
      ...d,
      maxSubmissionBytes: r.integer('ACCORD_MAX_SUBMISSION_BYTES', d.maxSubmissionBytes, 1024, 16 * 1024 * 1024),
      maxPersons: r.integer('ACCORD_MAX_PERSONS', d.maxPersons, 1, 100_000),
      maxSummaryLength: r.integer('ACCORD_MAX_SUMMARY_LENGTH', d.maxSummaryLength, 1, 10_000_000),
    },
    freshness: {
      pastMs: r.integer('ACCORD_SKEW_PAST_MS', DEFAULT_FRESHNESS.pastMs, 0),
      futureMs: r.integer('ACCORD_SKEW_FUTURE_MS', DEFAULT_FRESHNESS.futureMs, 0),
    },
    rate: {
      limit: r.integer('ACCORD_RATE_LIMIT', DEFAULT_RATE_LIMIT.limit, 0),
      windowMs: r.integer('ACCORD_RATE_WINDOW_MS', DEFAULT_RATE_LIMIT.windowMs, 1000),
    },
    concurrency: r.integer('ACCORD_INGEST_CONCURRENCY', 64, 1, 4096),
    stageTimeoutMs: r.integer('ACCORD_STAGE_TIMEOUT_MS', 15_000, 100, 600_000),
    maxAttempts: r.integer('ACCORD_MAX_ATTEMPTS', 5, 1, 100),
    seenTtlSeconds: r.integer('ACCORD_SEEN_TTL_SECONDS', 7 * 24 * 3600, 60),
  };
}
