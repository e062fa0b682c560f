/**
 * `npm run bench [-- --quick]`: measures Accord against raw JetStream on the same machine
 * in one run, prints a table and writes bench/results.json. Figures, not tests: nothing
 * here asserts a timing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { findNatsServer, findRedisServer, packageRoot } from '../libs/stack/index.js';
import { auditReplayVerify } from './audit-bench.js';
import { ingestVerificationsPerSecond } from './ingest-verify-bench.js';
import { BenchStack, type BenchStackOptions, type ThroughputFigures } from './pipeline-bench.js';
import { redactionViewsPerSecond } from './redaction-bench.js';

const USAGE = `usage: npm run bench [-- --quick]

Starts its own stack (nats-server, Redis, every service) and measures, in one run:
  (a) raw JetStream publish-with-ack, 1 KiB messages, 256 in flight (the baseline)
  (b) end-to-end notices/s: signed example notices (3 persons, ~2 KiB), 3 recipients each
  (c) end-to-end latency p50/p99/max at 500 notices/s offered, open loop, and at
      half the sustained rate measured in (b)
  (d) audit replay with verification over 100,000 records
  (e) redaction views/s (20 persons, 5 distinct grant sets)
  (f) ingest verifications/s on one thread
The full run also measures (b) with two instances of each service and with
sync_interval always. Writes bench/results.json.

  --quick   fewer notices and shorter runs (under a minute)
`;

if (process.argv.includes('--help')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const unknown = process.argv.slice(2).filter((a) => a !== '--quick');
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown option ${unknown[0]}\n${USAGE}`);
  process.exit(2);
}

const quick = process.argv.includes('--quick');
const sizes = {
  measureMs: quick ? 2000 : 5000,
  rawMessages: quick ? 20_000 : 100_000,
  throughputNotices: quick ? 3000 : 10_000,
  latencySeconds: quick ? 5 : 20,
  auditRecords: 100_000,
  variantNotices: 5000,
};
const LATENCY_OFFERED_PER_SEC = 500;
const progress = (line: string): void => void process.stderr.write(`${line}\n`);

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

async function pipelineRun(options: BenchStackOptions, run: (stack: BenchStack) => Promise<void>): Promise<void> {
  const stack = await BenchStack.start(options);
  try {
    await run(stack);
  } finally {
    await stack.stop();
  }
}

progress(`bench${quick ? ' --quick' : ''}: starting a stack (one instance of each service)`);
let raw = 0;
let throughput: ThroughputFigures | undefined;
let latency = { p50: 0, p99: 0, max: 0 };
let latencyBelowCapacity = { offeredPerSec: 0, p50: 0, p99: 0, max: 0 };
const rounded = (ms: number): number => Math.round(ms * 10) / 10;
await pipelineRun({ instances: 1 }, async (stack) => {
  progress(`(a) raw JetStream: ${sizes.rawMessages} publishes of 1 KiB, 256 in flight`);
  raw = await stack.rawPublishPerSec({ messages: sizes.rawMessages, inFlight: 256, messageBytes: 1024 });
  progress(`    ${Math.round(raw)} msgs/s`);
  progress(`(b) end to end: signing ${sizes.throughputNotices} notices, then publishing them all`);
  throughput = await stack.throughput(await stack.notices(sizes.throughputNotices));
  progress(
    `    ${Math.round(throughput.noticesPerSec)} notices/s (${throughput.deliveries} deliveries in ${throughput.seconds.toFixed(1)} s)`,
  );
  progress(
    `    CPU ms per notice: ${Object.entries(throughput.cpuMsPerNotice)
      .map(([p, ms]) => `${p} ${ms}`)
      .join(', ')}`,
  );
  progress(`(c) latency: ${LATENCY_OFFERED_PER_SEC} notices/s for ${sizes.latencySeconds} s, open loop`);
  const measured = await stack.latency(await stack.notices(LATENCY_OFFERED_PER_SEC * sizes.latencySeconds), LATENCY_OFFERED_PER_SEC);
  latency = { p50: rounded(measured.p50), p99: rounded(measured.p99), max: rounded(measured.max) };
  progress(`    p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms`);
  // Where the offered load exceeds what the pipeline sustains, the figures above measure a
  // growing queue; at half the sustained rate they show the pipeline's own latency.
  const offered = Math.max(10, Math.floor((throughput?.noticesPerSec ?? 20) / 2));
  progress(`(c') latency: ${offered} notices/s (half the sustained rate) for ${sizes.latencySeconds} s, open loop`);
  const below = await stack.latency(await stack.notices(offered * sizes.latencySeconds), offered);
  latencyBelowCapacity = { offeredPerSec: offered, p50: rounded(below.p50), p99: rounded(below.p99), max: rounded(below.max) };
  progress(`    p50 ${below.p50.toFixed(1)} ms, p99 ${below.p99.toFixed(1)} ms, max ${below.max.toFixed(1)} ms`);
});

const variants: Record<string, number> = {};
if (!quick) {
  for (const [name, options] of [
    ['twoInstances', { instances: 2 }],
    ['syncIntervalAlways', { instances: 1, syncInterval: 'always' }],
  ] as const) {
    progress(`(b) variant ${name}: ${sizes.variantNotices} notices`);
    await pipelineRun(options, async (stack) => {
      const figures = await stack.throughput(await stack.notices(sizes.variantNotices));
      variants[name] = Math.round(figures.noticesPerSec);
      progress(`    ${variants[name]} notices/s`);
    });
  }
}

progress(`(d) audit: chaining ${sizes.auditRecords} records, then replaying and verifying them`);
const audit = await auditReplayVerify(sizes.auditRecords, progress);
progress('(e) redaction: views per second');
const redactionViewsPerSec = Math.round(await redactionViewsPerSecond(sizes.measureMs));
progress('(f) ingest: verifications per second');
const ingestVerifyPerSec = Math.round(await ingestVerificationsPerSecond(sizes.measureMs));

const endToEndNoticesPerSec = Math.round(throughput?.noticesPerSec ?? 0);
const results = {
  rawJetStreamPublishPerSec: Math.round(raw),
  endToEndNoticesPerSec,
  latencyMs: latency,
  latencyAtHalfSustainedRateMs: latencyBelowCapacity,
  auditVerifyRecordsPerSec: Math.round(audit.recordsPerSec),
  redactionViewsPerSec,
  ingestVerifyPerSec,
  ratioEndToEndToRaw: raw > 0 ? Math.round((endToEndNoticesPerSec / raw) * 1000) / 1000 : 0,
  endToEndDeliveriesPerSec: Math.round(throughput?.deliveriesPerSec ?? 0),
  cpuMsPerNotice: throughput?.cpuMsPerNotice ?? {},
  auditChainRecordsPerSec: Math.round(audit.chainedPerSec),
  ...(quick ? {} : { endToEndVariantsNoticesPerSec: variants }),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30) },
  versions: {
    node: process.version,
    natsServer: findNatsServer().version,
    redis: findRedisServer().version,
    '@nats-io/jetstream': packageVersion('@nats-io/jetstream'),
    jose: packageVersion('jose'),
    protobufjs: packageVersion('protobufjs'),
  },
  options: {
    quick,
    ...sizes,
    rawInFlight: 256,
    rawMessageBytes: 1024,
    latencyOfferedPerSec: LATENCY_OFFERED_PER_SEC,
    recipientsPerNotice: 3,
    instances: 1,
    syncInterval: 'default (nats-server 2 min)',
    rateLimit: 'off',
    auditRecordsPerCheckpoint: 1000,
  },
  date: new Date().toISOString(),
};
console.table({
  '(a) raw JetStream publish-with-ack msgs/s (1 KiB, 256 in flight)': results.rawJetStreamPublishPerSec,
  '(b) end-to-end notices/s (3 recipients each)': results.endToEndNoticesPerSec,
  '    ratio end-to-end / raw': results.ratioEndToEndToRaw,
  [`(c) latency ms at ${LATENCY_OFFERED_PER_SEC}/s: p50`]: latency.p50,
  '    p99': latency.p99,
  '    max': latency.max,
  [`(c') latency ms at ${latencyBelowCapacity.offeredPerSec}/s (half the sustained rate): p50`]: latencyBelowCapacity.p50,
  '     p99': latencyBelowCapacity.p99,
  [`(d) audit replay + verify records/s (${audit.records} records, ${audit.checkpoints} checkpoints)`]: results.auditVerifyRecordsPerSec,
  '(e) redaction views/s (20 persons, 5 grant sets)': redactionViewsPerSec,
  '(f) ingest verifications/s (one thread)': ingestVerifyPerSec,
  ...Object.fromEntries(Object.entries(variants).map(([k, v]) => [`    end-to-end notices/s, ${k}`, v])),
});
const dir = join(packageRoot(), 'bench');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
progress(`written: ${join(dir, 'results.json')}`);
