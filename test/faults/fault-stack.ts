import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { cpSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { NatsConnection } from '@nats-io/transport-node';
import { messageIds, SERVICES, streams, subjects, type ServiceName } from '../../libs/bus/index.js';
import { awaitDecision, signNotice } from '../../libs/client/index.js';
import { messageToJson, v1 } from '../../libs/proto/index.js';
import { instanceName, packageRoot } from '../../libs/stack/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { serviceProcess, type ServiceProcess } from '../harness/service-process.js';
import { signUnchecked } from '../harness/submissions.js';
import { registerAgency, unregisteredKey, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, TEST_BUS_SETTINGS, type TestBus } from '../harness/test-bus.js';

/** Notices per fault case: `npm run test:faults` sends 5,000; `make test` sends 1,000. */
export const FAULT_NOTICES = Number(process.env.ACCORD_FAULT_NOTICES ?? 1000);

export const ISSUER = 'it-police';
/** Addressed to one agency outside the route, so each notice goes to several agencies. */
export const ADDRESSEES = ['mt-fiu'];

/** Short waits, so a crash is recovered from in seconds (the production values are in the README). */
const SERVICE_ENV: Record<string, string> = {
  ACCORD_RATE_LIMIT: '0',
  ACCORD_STAGE_TIMEOUT_MS: '5000',
  ACCORD_REDACT_TIMEOUT_MS: '4000',
  ACCORD_CHECKPOINT_MS: '1000',
  ACCORD_MAX_ATTEMPTS: '8',
};

export interface SentNotices {
  /** Accepted notices' ids, in the order sent. */
  good: string[];
  /** Ingest sequences of the notices signed with a key no registry knows: each must be quarantined once. */
  bad: number[];
  /** Submissions the broker stored (each notice once, however often it was sent). */
  submissions: number;
}

export interface SendOptions {
  /** Publish every notice this many times (a client retrying, a duplicate storm). */
  copies?: number;
  /** Called as notices go out, with how many went so far: when to strike. */
  onProgress?: (sent: number) => Promise<void> | void;
}

export interface FaultStackOptions {
  /** Instances of each service. */
  instances?: number;
  /** NATS nodes (a cluster, streams at replicas 3) instead of one server. */
  clusterNodes?: number;
}

/** A test bus with four agencies and every service running as its own process, N instances each. */
export class FaultStack {
  private readonly processes = new Map<string, ServiceProcess>();
  /** Everything sent so far, the calibration notice included. */
  readonly sent: SentNotices = { good: [], bad: [], submissions: 0 };
  /** Who receives each notice sent (all are alike), as routing decided for the first one. */
  recipients: string[] = [];

  private constructor(
    readonly bus: TestBus,
    readonly issuer: TestAgency,
    private readonly adapter: NatsConnection,
    readonly instances: number,
  ) {}

  static async start(options: FaultStackOptions = {}): Promise<FaultStack> {
    const bus = await startTestBus(
      // A dedup window longer than any redelivery here (8 attempts, backoff to 30 s): see docs/durability.md.
      { ...TEST_BUS_SETTINGS, duplicateWindowMs: 10 * 60_000, ...(options.clusterNodes ? { replicas: 3 } : {}) },
      options.clusterNodes ? { clusterNodes: options.clusterNodes } : {},
    );
    const issuer = await registerAgency(bus, { id: ISSUER, country: 'IT', role: 'police', groups: ['med'] });
    await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
    await registerAgency(bus, { id: 'it-prosecutor', country: 'IT', role: 'prosecutor', groups: ['med'] });
    await registerAgency(bus, { id: 'mt-fiu', country: 'MT', role: 'fiu', groups: ['med'] });
    const adapter = await bus.connectAs({ kind: 'adapter', agency: ISSUER }, undefined, { reconnect: true });
    const stack = new FaultStack(bus, issuer, adapter, options.instances ?? 1);
    for (const service of SERVICES) for (let i = 1; i <= stack.instances; i += 1) stack.start(service, i);
    await stack.calibrate();
    return stack;
  }

  /** One notice through the whole pipeline before any fault: the services are up, and its recipients are every notice's. */
  private async calibrate(): Promise<void> {
    const notice = sampleNotice(ISSUER, { addressees: ADDRESSEES });
    const noticeId = notice.noticeId ?? '';
    const seq = await publishUntilStored(jetstream(this.adapter), noticeId, await signNotice(notice, this.issuer.key));
    await awaitDecision(this.adapter, ISSUER, seq, 60_000);
    // The adapter's answer leaves out the recipients; the stored decision has them.
    const stored = await this.bus.jsm.direct.getMessage(streams.events, { last_by_subj: subjects.decision(ISSUER, seq) });
    const decision = v1.Decision.decode(stored?.data ?? new Uint8Array());
    this.recipients = [...(decision.events.find((e) => e.kind === v1.AuditKind.ROUTED)?.recipients ?? [])].sort();
    if (this.recipients.length < 2)
      throw new Error(
        `calibration: the notice went to ${this.recipients.join(', ') || 'no one'}; expected several agencies (decision: ${JSON.stringify(messageToJson('accord.v1.Decision', decision))})`,
      );
    this.sent.good.push(noticeId);
    this.sent.submissions += 1;
  }

  /** Starts (or starts again) one instance of a service. */
  start(service: ServiceName, instance = 1): void {
    const name = instanceName(service, instance);
    this.processes.set(name, serviceProcess(this.bus, service, SERVICE_ENV, name));
  }

  /** kill -9: no drain, no goodbye, work in hand lost (to be redelivered). */
  async kill(service: ServiceName, instance = 1): Promise<void> {
    const name = instanceName(service, instance);
    const running = this.processes.get(name);
    if (!running) throw new Error(`${name} is not running`);
    running.child.kill('SIGKILL');
    await running.exited;
    this.processes.delete(name);
  }

  /**
   * Sends `count` more notices as an adapter does, in waves, retrying a publish the broker did
   * not acknowledge (same message id, so a retry is never a second submission). One in 50
   * is signed with an unknown key.
   */
  async send(count: number, options: SendOptions = {}): Promise<SentNotices> {
    const js = jetstream(this.adapter);
    const stranger = await unregisteredKey();
    const sent = this.sent;
    const wave = 50;
    for (let i = 0; i < count; i += wave) {
      await Promise.all(
        Array.from({ length: Math.min(wave, count - i) }, async (_, j) => {
          const bad = (i + j) % 50 === 49;
          const notice = sampleNotice(ISSUER, { addressees: ADDRESSEES });
          const noticeId = notice.noticeId ?? '';
          const signed = bad ? await signUnchecked(notice, stranger) : await signNotice(notice, this.issuer.key);
          // Every copy is the same submission: the broker answers each with the first one's sequence.
          const seqs = await Promise.all(Array.from({ length: options.copies ?? 1 }, () => publishUntilStored(js, noticeId, signed)));
          if (new Set(seqs).size !== 1) throw new Error(`copies of ${noticeId} were stored as ${seqs.join(', ')}`);
          if (bad) sent.bad.push(seqs[0] ?? 0);
          else sent.good.push(noticeId);
          sent.submissions += 1;
        }),
      );
      await options.onProgress?.(Math.min(i + wave, count));
    }
    return sent;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((running) => stopProcess(running)));
    this.processes.clear();
    await this.adapter.close().catch(() => undefined);
    await this.bus.dispose();
  }
}

/** One fault stack for a test file: started before its tests, stopped after them. */
export function useFaultStack(options: FaultStackOptions = {}): { readonly stack: FaultStack } {
  const holder: { stack?: FaultStack } = {};
  const failed: string[] = [];
  let file = 'fault-case';
  afterEach(({ task }) => {
    file = basename(task.file.filepath, '.test.ts');
    if (task.result?.state === 'fail') failed.push(task.name);
  });
  beforeAll(
    async () => {
      holder.stack = await FaultStack.start(options);
    },
    options.clusterNodes ? 180_000 : 120_000,
  );
  afterAll(async () => {
    if (failed.length > 0 && holder.stack) keepLogs(holder.stack.bus, file, failed);
    await holder.stack?.stop();
  });
  return {
    get stack(): FaultStack {
      if (!holder.stack) throw new Error('the fault stack has not started');
      return holder.stack;
    },
  };
}

/**
 * A failed case's stack logs outlive its temporary folder: copied to
 * test-output/faults/<file>-<time>/ (git-ignored), with the names of the failed tests.
 */
function keepLogs(bus: TestBus, file: string, failed: readonly string[]): void {
  const dest = join(packageRoot(), 'test-output', 'faults', `${file}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  cpSync(bus.layout.logs, dest, { recursive: true });
  writeFileSync(join(dest, 'failed-tests.txt'), `${failed.join('\n')}\n`);
  process.stderr.write(`fault case ${file} failed: its stack's logs are kept in ${dest}\n`);
}

/** SIGTERM, then SIGKILL if the process has not exited 30 s later (beyond the services' own 20 s grace). */
async function stopProcess(running: ServiceProcess): Promise<void> {
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 30_000);
  await running.exited;
  clearTimeout(timer);
}

/** An adapter's publish: retried until the broker stores it (a node may be down, a leader moving). Returns the ingest sequence. */
async function publishUntilStored(js: JetStreamClient, noticeId: string, signed: Uint8Array): Promise<number> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      return (await js.publish(subjects.ingest(ISSUER), signed, { msgID: messageIds.submission(ISSUER, noticeId), timeout: 5000 })).seq;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
