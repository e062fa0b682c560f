import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { streams, subjects } from '../libs/bus/index.js';
import { connectAs, publishSubmission, readStackFile } from '../libs/client/index.js';
import { v1 } from '../libs/proto/index.js';
import { signingKeyFromJwk, type SigningKey } from '../libs/signing/index.js';
import { addAgencyIn } from '../libs/context/index.js';
import { readStackState, stackDown, stackLayout, stackUp } from '../libs/stack/index.js';
import { signedBenchNotices, type SignedBenchNotice } from './bench-notices.js';
import { rawJetStreamPublishPerSec, type RawPublishOptions } from './raw-jetstream-bench.js';

export interface BenchStackOptions {
  /** Instances of each service. */
  instances: number;
  /** nats-server's JetStream fsync interval ("always" or a duration); its default when absent. */
  syncInterval?: string;
  /** Extra environment for the services (NODE_OPTIONS=--cpu-prof, say). */
  serviceEnv?: Record<string, string>;
}

export interface ThroughputFigures {
  notices: number;
  deliveries: number;
  seconds: number;
  noticesPerSec: number;
  deliveriesPerSec: number;
  /** CPU time each process spent per notice (ms): the cost model. */
  cpuMsPerNotice: Record<string, number>;
}

export interface LatencyFigures {
  offeredPerSec: number;
  notices: number;
  p50: number;
  p99: number;
  max: number;
}

const ISSUER = 'it-police';
/** Under the default policy the example notice goes to these three. */
const RECIPIENTS = [
  ['ly-coastguard', 'LY', 'coastguard'],
  ['it-prosecutor', 'IT', 'prosecutor'],
  ['ne-police', 'NE', 'police'],
] as const;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/**
 * A whole stack as `stack up` runs it (nats-server, Redis, every service as its own
 * process), the issuer and its three recipients registered, and the bench's adapter
 * and operator connections.
 */
export class BenchStack {
  private constructor(
    private readonly dir: string,
    private readonly key: SigningKey,
    private readonly adapter: NatsConnection,
    private readonly operator: NatsConnection,
    private readonly jsm: JetStreamManager,
  ) {}

  static async start(options: BenchStackOptions): Promise<BenchStack> {
    const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
    try {
      await stackUp(dir, {
        instances: options.instances,
        // One agency sends everything here: its rate limit (3,000 a minute by default) would quarantine most.
        serviceEnv: { ACCORD_RATE_LIMIT: '0', ...options.serviceEnv },
        ...(options.syncInterval ? { syncInterval: options.syncInterval } : {}),
      });
      const { signingKeyFile } = await addAgencyIn(dir, { id: ISSUER, country: 'IT', role: 'police', groups: ['med'] });
      for (const [id, country, role] of RECIPIENTS) await addAgencyIn(dir, { id, country, role, groups: ['med'] });
      const key = await signingKeyFromJwk(JSON.parse(readFileSync(signingKeyFile ?? '', 'utf8')), ISSUER);
      const stack = readStackFile(dir);
      const adapter = await connectAs(stack, { kind: 'adapter', agency: ISSUER });
      const operator = await connectAs(stack, { kind: 'operator' });
      return new BenchStack(dir, key, adapter, operator, await jetstreamManager(operator));
    } catch (error) {
      await stackDown(dir).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  notices(count: number): Promise<SignedBenchNotice[]> {
    return signedBenchNotices(count, this.key);
  }

  rawPublishPerSec(options: RawPublishOptions): Promise<number> {
    return rawJetStreamPublishPerSec(this.operator, this.jsm, options);
  }

  /**
   * Sustained throughput: every notice published at once (256 publishes in flight, as an
   * adapter with a backlog would), timed from the first publish to the last decision.
   * Ingest writes a notice's decision only after all its deliveries are stored, so the
   * last decision marks the last inbox written.
   */
  async throughput(notices: SignedBenchNotice[]): Promise<ThroughputFigures> {
    const deliveriesBefore = (await this.jsm.streams.info(streams.deliveries)).state.messages;
    const cpuBefore = this.cpuSeconds();
    const decided = await this.watchDecisions(new Set(notices.map((n) => n.noticeId)));
    const js = jetstream(this.adapter);
    const start = performance.now();
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < notices.length) {
        const n = notices[next++] as SignedBenchNotice;
        await publishSubmission(js, ISSUER, n.noticeId, n.bytes);
      }
    };
    await Promise.all(Array.from({ length: 256 }, lane));
    await decided.all;
    const seconds = (performance.now() - start) / 1000;
    const cpuAfter = this.cpuSeconds();
    const cpuMsPerNotice = Object.fromEntries(
      Object.entries(cpuAfter).map(([name, secs]) => [
        name,
        Math.round(((secs - (cpuBefore[name] ?? 0)) * 1000 * 1000) / notices.length) / 1000,
      ]),
    );
    const deliveries = (await this.jsm.streams.info(streams.deliveries)).state.messages - deliveriesBefore;
    return {
      notices: notices.length,
      deliveries,
      seconds,
      noticesPerSec: notices.length / seconds,
      deliveriesPerSec: deliveries / seconds,
      cpuMsPerNotice,
    };
  }

  /**
   * Open-loop latency: notice i is due at start + i / rate; it is published at its due
   * time whether or not earlier ones are done, and its latency runs from its due time (not
   * its actual send) to its decision, so a stalled publisher cannot hide queueing.
   */
  async latency(notices: SignedBenchNotice[], offeredPerSec: number): Promise<LatencyFigures> {
    const decided = await this.watchDecisions(new Set(notices.map((n) => n.noticeId)));
    const js = jetstream(this.adapter);
    const start = performance.now();
    const publishes: Promise<unknown>[] = [];
    let next = 0;
    while (next < notices.length) {
      const now = performance.now();
      while (next < notices.length && start + (next * 1000) / offeredPerSec <= now) {
        const n = notices[next] as SignedBenchNotice;
        publishes.push(publish(js, n));
        next += 1;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(publishes);
    const at = await decided.all;
    const latencies = notices.map((n, i) => (at.get(n.noticeId) ?? 0) - (start + (i * 1000) / offeredPerSec)).sort((a, b) => a - b);
    return {
      offeredPerSec,
      notices: notices.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? 0,
    };
  }

  /** Records when each awaited notice's decision appears; refuses a quarantined one (the bench would measure nothing). */
  private async watchDecisions(awaited: Set<string>): Promise<{ all: Promise<Map<string, number>> }> {
    const consumer = await jetstream(this.operator).consumers.get(streams.events, {
      filter_subjects: [subjects.decisionsOf(ISSUER)],
      deliver_policy: DeliverPolicy.New,
    });
    const messages = await consumer.consume({ max_messages: 2000 });
    const at = new Map<string, number>();
    const all = (async () => {
      for await (const msg of messages) {
        const decision = v1.Decision.decode(msg.data);
        if (!awaited.has(decision.noticeId)) continue;
        if (decision.status !== v1.DecisionStatus.DECISION_ACCEPTED) {
          await messages.close();
          throw new Error(`bench notice ${decision.noticeId} was quarantined ${decision.code}: the figures would be meaningless`);
        }
        at.set(decision.noticeId, performance.now());
        if (at.size === awaited.size) break;
      }
      await messages.close();
      return at;
    })();
    // Awaited only once publishing is done: until then a refusal must not go unhandled and end the bench before its stack stops.
    all.catch(() => undefined);
    return { all };
  }

  /** CPU seconds (user + system) so far of each of the stack's processes, and of this one (the publisher). */
  private cpuSeconds(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, pid] of Object.entries(readStackState(stackLayout(this.dir))?.pids ?? {})) {
      const stat = `/proc/${pid}/stat`;
      if (!existsSync(stat)) continue;
      // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th, in clock ticks (100 a second on Linux).
      const text = readFileSync(stat, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out[name] = (Number(fields[11]) + Number(fields[12])) / 100;
    }
    const self = process.cpuUsage();
    out['bench publisher'] = (self.user + self.system) / 1e6;
    return out;
  }

  async stop(): Promise<void> {
    await this.adapter.close().catch(() => undefined);
    await this.operator.close().catch(() => undefined);
    await stackDown(this.dir).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function publish(js: JetStreamClient, n: SignedBenchNotice): Promise<unknown> {
  return publishSubmission(js, ISSUER, n.noticeId, n.bytes);
}
