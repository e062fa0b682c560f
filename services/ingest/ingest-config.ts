import { DEFAULT_INGEST_LIMITS, type FreshnessWindow, type IngestLimits } from '../../libs/ingest/index.js';
import { readSettings, SETTINGS, type Env } from '../../libs/settings/index.js';
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

export function readIngestConfig(env: Env): IngestConfig {
  const read = readSettings('ingest', env);
  return {
    ...readCommonConfig(read),
    redisUrl: read(SETTINGS.redisUrl),
    limits: {
      // The limits that are not settings stay the library's.
      ...DEFAULT_INGEST_LIMITS,
      maxSubmissionBytes: read(SETTINGS.maxSubmissionBytes),
      maxPersons: read(SETTINGS.maxPersons),
      maxSummaryLength: read(SETTINGS.maxSummaryLength),
    },
    freshness: { pastMs: read(SETTINGS.skewPastMs), futureMs: read(SETTINGS.skewFutureMs) },
    rate: { limit: read(SETTINGS.rateLimit), windowMs: read(SETTINGS.rateWindowMs) },
    concurrency: read(SETTINGS.ingestConcurrency),
    stageTimeoutMs: read(SETTINGS.stageTimeoutMs),
    maxAttempts: read(SETTINGS.maxAttempts),
    seenTtlSeconds: read(SETTINGS.seenTtlSeconds),
  };
}
