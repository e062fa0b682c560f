import type { KV } from '@nats-io/kv';
import { isWriteConflict } from '../../libs/bus/index.js';
import { AccordError, errorMessage } from '../../libs/errors/index.js';
import { newPeriodState, type NoticeThread, type PeriodScheme, type PeriodState } from '../../libs/statistics/index.js';

const MAX_TRIES = 20;

/** Where a notice's thread is, by any of its versions' ids. */
export interface ThreadLink {
  root: string;
  period: string;
}

/** KV keys may not hold ":" (the start of a fixed-length period has some). */
const token = (period: string): string => period.replaceAll(':', '-');

const keys = {
  link: (noticeId: string) => `link.${noticeId}`,
  thread: (link: ThreadLink) => `thread.${token(link.period)}.${link.root}`,
  threadsOf: (period: string) => `thread.${token(period)}.>`,
  period: (period: string) => `period.${token(period)}`,
  periods: 'period.>',
};

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

function decode<T>(bytes: Uint8Array, what: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (error) {
    throw new AccordError('E_STATE', `the statistics state's ${what} is not JSON: ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * The statistics service's state in its KV bucket: each version's link to its thread, each
 * thread (a counted notice's latest version, or its withdrawal), each period's releases.
 * Every write is a put of the whole value, so applying a record again writes the same.
 */
export class StatisticsState {
  constructor(
    private readonly kv: KV,
    private readonly scheme: PeriodScheme,
  ) {}

  private async read<T>(key: string, what: string): Promise<{ value: T; revision: number } | undefined> {
    const entry = await this.kv.get(key);
    return entry && entry.operation === 'PUT' ? { value: decode<T>(entry.value, what), revision: entry.revision } : undefined;
  }

  async link(noticeId: string): Promise<ThreadLink | undefined> {
    return (await this.read<ThreadLink>(keys.link(noticeId), `link of ${noticeId}`))?.value;
  }

  async thread(link: ThreadLink): Promise<NoticeThread | undefined> {
    return (await this.read<NoticeThread>(keys.thread(link), `thread ${link.root}`))?.value;
  }

  async putThread(thread: NoticeThread): Promise<void> {
    await this.kv.put(keys.thread(thread), encode(thread));
  }

  async putLink(noticeId: string, link: ThreadLink): Promise<void> {
    await this.kv.put(keys.link(noticeId), encode({ root: link.root, period: link.period }));
  }

  async threadsOf(period: string): Promise<NoticeThread[]> {
    const threads: NoticeThread[] = [];
    for await (const key of await this.kv.keys(keys.threadsOf(period))) {
      const thread = await this.read<NoticeThread>(key, key);
      if (thread) threads.push(thread.value);
    }
    return threads;
  }

  async periods(): Promise<PeriodState[]> {
    const states: PeriodState[] = [];
    for await (const key of await this.kv.keys(keys.periods)) {
      const state = await this.read<PeriodState>(key, key);
      if (state) states.push(state.value);
    }
    return states;
  }

  /**
   * Changes a period's state (a new one when none is stored) under the revision it was read
   * at; when another writer came first, it is read again and `change` asked again. `change`
   * returning undefined leaves it.
   */
  async changePeriod(period: string, change: (current: PeriodState) => PeriodState | undefined): Promise<PeriodState | undefined> {
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      const stored = await this.read<PeriodState>(keys.period(period), `period ${period}`);
      const next = change(stored?.value ?? newPeriodState(this.scheme, period));
      if (!next) return stored?.value;
      try {
        if (stored) await this.kv.update(keys.period(period), encode(next), stored.revision);
        else await this.kv.create(keys.period(period), encode(next));
        return next;
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
      }
    }
    throw new AccordError('E_UNAVAILABLE', `period ${period}: ${MAX_TRIES} writers in a row came first`, { retryable: true });
  }
}
