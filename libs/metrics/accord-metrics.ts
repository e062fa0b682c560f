import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets (seconds) for a stage's work on one notice: 1 ms to 30 s. */
const STAGE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The bus's metrics, one registry per service process (every series labelled with the
 * service), names as docs/operations.md lists them. Counters count notices and
 * deliveries, never their content; gauges are read at scrape time.
 */
export class AccordMetrics {
  readonly registry = new Registry();
  readonly received: Counter;
  readonly accepted: Counter;
  readonly quarantined: Counter<'code'>;
  readonly unquarantinable: Counter<'code'>;
  readonly deliveries: Counter<'agency'>;
  readonly redeliveries: Counter;
  readonly stageDuration: Histogram<'stage'>;
  private pending: () => Promise<Record<string, number>> = async () => ({});

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.received = new Counter({
      name: 'accord_submissions_received_total',
      help: 'Submissions taken from the ingest stream (first deliveries)',
      registers,
    });
    this.accepted = new Counter({
      name: 'accord_submissions_accepted_total',
      help: 'Submissions accepted, routed and delivered',
      registers,
    });
    this.quarantined = new Counter({
      name: 'accord_submissions_quarantined_total',
      help: 'Submissions quarantined, by reason code',
      labelNames: ['code'],
      registers,
    });
    this.unquarantinable = new Counter({
      name: 'accord_submissions_unquarantinable_total',
      help: 'Attempts that would have quarantined a submission an earlier attempt had sent to routing (views of it may be stored), retried instead; by the reason code it would have had',
      labelNames: ['code'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'accord_deliveries_total',
      help: "Views stored in an agency's inbox, by recipient agency",
      labelNames: ['agency'],
      registers,
    });
    this.redeliveries = new Counter({
      name: 'accord_redeliveries_total',
      help: 'Messages handled again after a failure or a lost acknowledgement',
      registers,
    });
    this.stageDuration = new Histogram({
      name: 'accord_stage_duration_seconds',
      help: "A stage's time on one notice",
      labelNames: ['stage'],
      buckets: STAGE_BUCKETS,
      registers,
    });
    const readPending = (): Promise<Record<string, number>> => this.pending();
    new Gauge({
      name: 'accord_consumer_pending',
      help: 'Messages a durable consumer has not yet had acknowledged (its lag), by consumer',
      labelNames: ['consumer'],
      registers,
      async collect() {
        this.reset();
        for (const [consumer, n] of Object.entries(await readPending().catch(() => ({})))) this.set({ consumer }, n);
      },
    });
  }

  /** How to read consumer lag at scrape time. */
  observeConsumers(read: () => Promise<Record<string, number>>): void {
    this.pending = read;
  }

  /** The audit chain's gauges, read at scrape time; only the audit service has them (and reports them while it writes). */
  observeChain(read: () => { height: number; checkpointAgeSeconds: number } | undefined): void {
    const gauges = [
      { name: 'accord_audit_chain_height', help: 'Records in the audit chain (as the writer knows it)', value: 'height' },
      { name: 'accord_audit_checkpoint_age_seconds', help: 'Seconds since the last signed checkpoint', value: 'checkpointAgeSeconds' },
    ] as const;
    for (const { name, help, value } of gauges) {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const chain = read();
          if (chain) this.set(chain[value]);
        },
      });
    }
  }

  /** Times `work` as the stage's duration on one notice. */
  async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const end = this.stageDuration.startTimer({ stage });
    try {
      return await work();
    } finally {
      end();
    }
  }
}
