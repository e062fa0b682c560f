import type { Redis } from 'ioredis';

/**
 * Sliding window log: admits the submission (member = its ingest sequence) unless the
 * agency already has `limit` admitted in the window. A submission admitted once stays
 * admitted (a redelivery is not counted twice); a refused one is not counted at all.
 */
const ADMIT = `
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZSCORE', key, member) then return 1 end
if redis.call('ZCARD', key) >= limit then return 0 end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, window)
return 1`;

export interface RateLimit {
  /** Submissions admitted per agency within the window; 0 turns the limit off. */
  limit: number;
  windowMs: number;
}

/** The script registered as a command: ioredis sends its SHA1 (EVALSHA), and the script only when Redis lost it. */
type AdmitCommand = (key: string, nowMs: number, windowMs: number, limit: number, member: string) => Promise<number>;
const ADMIT_COMMAND = 'accordRateAdmit';

export class RateLimiter {
  private readonly admitScript: AdmitCommand;

  constructor(
    redis: Redis,
    private readonly rate: RateLimit,
  ) {
    redis.defineCommand(ADMIT_COMMAND, { numberOfKeys: 1, lua: ADMIT });
    const withCommand = redis as Redis & { [ADMIT_COMMAND]: AdmitCommand };
    this.admitScript = withCommand[ADMIT_COMMAND].bind(redis);
  }

  /** `at` is when the submission reached the bus, so a backlog is not judged a burst. */
  async admit(agency: string, ingestSeq: number, at: Date): Promise<boolean> {
    if (this.rate.limit === 0) return true;
    const admitted = await this.admitScript(`accord:rate:${agency}`, at.getTime(), this.rate.windowMs, this.rate.limit, String(ingestSeq));
    return admitted === 1;
  }
}
