import type { Redis } from 'ioredis';

export type SeenState = 'unseen' | 'this-submission' | 'other-submission';

/** Compare-and-delete: releases a reservation only if it is still ours. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** The Redis key that holds a notice id's claim. */
export const seenKey = (noticeId: string): string => `accord:seen:${noticeId}`;

/** The submission that claims a notice id: the same value coming back is a redelivery of it, another is a replay. */
export const seenClaim = (agency: string, ingestSeq: number): string => `${agency}:${ingestSeq}`;

/** Notice ids already accepted, in Redis: key = noticeId (unique across the bus), value = the claiming submission's seenClaim. */
export class SeenNotices {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  async check(noticeId: string, claim: string): Promise<SeenState> {
    const holder = await this.redis.get(seenKey(noticeId));
    if (holder === null) return 'unseen';
    return holder === claim ? 'this-submission' : 'other-submission';
  }

  /** Claims the notice id for this submission; false if another submission holds it. */
  async claim(noticeId: string, claim: string): Promise<boolean> {
    const previous = await this.redis.set(seenKey(noticeId), claim, 'EX', this.ttlSeconds, 'NX', 'GET');
    return previous === null || previous === claim;
  }

  async release(noticeId: string, claim: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, seenKey(noticeId), claim);
  }
}
