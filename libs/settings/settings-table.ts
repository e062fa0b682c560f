import { SERVICES, type ServiceName } from '../bus/index.js';
import { DEFAULT_FRESHNESS, DEFAULT_INGEST_LIMITS } from '../ingest/index.js';
import { LOG_LEVELS } from '../log/index.js';
import type { OtherVariable, Setting } from './setting.js';

/**
 * Every setting of the five services: the configuration readers read these entries, the
 * test harness builds its services' configuration from them, README.md's and
 * docs/operations.md's tables are generated from them (`npm run docs:settings`) and the
 * deployment files are checked against them. In the order of the docs.
 */
export const SETTINGS = {
  natsUrl: {
    name: 'ACCORD_NATS_URL',
    kind: 'url',
    schemes: ['nats', 'tls'],
    list: true,
    services: SERVICES,
    meaning: 'the nats-server, or every node of a cluster',
    detail: 'a service moves to another node when its own goes away',
  },
  natsCreds: {
    name: 'ACCORD_NATS_CREDS',
    kind: 'path',
    file: 'a NATS .creds file (the user JWT and its seed)',
    optional: true,
    services: SERVICES,
    meaning: "the service's own NATS credential",
    detail: "Accord's nats-server configurations refuse connections without one",
  },
  natsCa: {
    name: 'ACCORD_NATS_CA',
    kind: 'path',
    file: 'a PEM file',
    optional: true,
    services: SERVICES,
    meaning: "the CA the nats-server's certificate must chain to",
    detail:
      "without it, the CAs Node trusts by default. TLS is used whenever the server requires it, which Accord's configurations always do",
  },
  httpHost: {
    name: 'ACCORD_HTTP_HOST',
    kind: 'host',
    default: '127.0.0.1',
    services: SERVICES,
    meaning: 'where `/healthz`, `/readyz` and `/metrics` listen',
    detail: '`0.0.0.0` in containers',
  },
  httpPort: {
    name: 'ACCORD_HTTP_PORT',
    kind: 'integer',
    // The Prometheus exporters' customary port.
    default: 9464,
    min: 0,
    max: 65535,
    zero: 'any free port',
    services: SERVICES,
    meaning: 'the port of `/healthz`, `/readyz` and `/metrics`',
    detail:
      'a port in use stops the service. The deployment files use 9464 ingest, 9465 routing, 9466 redaction, 9467 audit, 9468 statistics; `accord stack up` has each instance bind port 0 and records the port it reports when ready in `run/state.json`',
  },
  logLevel: {
    name: 'ACCORD_LOG_LEVEL',
    kind: 'one-of',
    values: LOG_LEVELS,
    default: 'info',
    services: SERVICES,
    meaning: 'the least severe level written to the JSON log',
    detail: 'any other value stops the service',
  },
  redisUrl: {
    name: 'ACCORD_REDIS_URL',
    kind: 'url',
    schemes: ['redis', 'rediss', 'unix'],
    example: 'redis://:PASSWORD@HOST:6379',
    secret: true,
    services: ['ingest'],
    meaning: 'the Redis holding the seen-notices set and the rate windows, its password in the URL',
    detail:
      'or a Unix socket, `unix:///PATH/redis.sock?password=PASSWORD` (how `accord stack up` runs Redis: no TCP port at all); give it from a secret store (a Kubernetes Secret, a root-only environment file)',
  },
  busSecretFile: {
    name: 'ACCORD_BUS_SECRET_FILE',
    kind: 'path',
    file: 'a file of at least 32 random bytes',
    services: ['ingest', 'redaction'],
    meaning: 'the bus secret, the HMAC key of keyed digests and element ids',
    detail:
      'the digests are those in the audit records (submissions, views), the ids those of derived view elements; ingest and redaction must have the same one',
  },
  maxSubmissionBytes: {
    name: 'ACCORD_MAX_SUBMISSION_BYTES',
    kind: 'integer',
    default: DEFAULT_INGEST_LIMITS.maxSubmissionBytes,
    min: 1024,
    max: 16 * 1024 * 1024,
    services: ['ingest'],
    meaning: 'larger submissions are quarantined `E_TOO_LARGE`',
    detail:
      "the broker refuses, before ingest sees them, messages over the ingest stream's `max_msg_size` (4 × `BusSettings.maxSubmissionBytes`, 1 MiB as created) and nats-server's `max_payload` (2 MB): raising this variable does not raise those, and ingest refuses to start (`E_CONFIG`, naming the sizes) when it is at or above either, since submissions between the two would be refused at the broker with no quarantine record",
  },
  maxPersons: {
    name: 'ACCORD_MAX_PERSONS',
    kind: 'integer',
    default: DEFAULT_INGEST_LIMITS.maxPersons,
    min: 1,
    max: 100_000,
    services: ['ingest'],
    meaning: 'persons per notice (`E_LIMIT_EXCEEDED`)',
    detail: 'the other count limits are fixed in `libs/ingest/ingest-limits.ts`',
  },
  maxSummaryLength: {
    name: 'ACCORD_MAX_SUMMARY_LENGTH',
    kind: 'integer',
    default: DEFAULT_INGEST_LIMITS.maxSummaryLength,
    min: 1,
    max: 10_000_000,
    services: ['ingest'],
    meaning: 'characters of the free-text summary (`E_LIMIT_EXCEEDED`)',
  },
  skewPastMs: {
    name: 'ACCORD_SKEW_PAST_MS',
    kind: 'integer',
    default: DEFAULT_FRESHNESS.pastMs,
    min: 0,
    services: ['ingest'],
    meaning: 'how long before the submission reached the bus `issuedAt` may lie (`E_STALE` beyond)',
  },
  skewFutureMs: {
    name: 'ACCORD_SKEW_FUTURE_MS',
    kind: 'integer',
    default: DEFAULT_FRESHNESS.futureMs,
    min: 0,
    services: ['ingest'],
    meaning: 'how far after it `issuedAt` may lie (`E_FUTURE` beyond)',
  },
  rateLimit: {
    name: 'ACCORD_RATE_LIMIT',
    kind: 'integer',
    default: 3000,
    min: 0,
    zero: 'no limit',
    services: ['ingest'],
    meaning: 'submissions admitted per agency per window (`E_RATE_LIMITED`)',
  },
  rateWindowMs: {
    name: 'ACCORD_RATE_WINDOW_MS',
    kind: 'integer',
    default: 60_000,
    min: 1000,
    services: ['ingest'],
    meaning: 'the sliding window of the rate limit',
  },
  ingestConcurrency: {
    name: 'ACCORD_INGEST_CONCURRENCY',
    kind: 'integer',
    default: 64,
    min: 1,
    max: 4096,
    services: ['ingest'],
    meaning: 'submissions one ingest instance processes at once',
  },
  stageTimeoutMs: {
    name: 'ACCORD_STAGE_TIMEOUT_MS',
    kind: 'integer',
    default: 15_000,
    min: 100,
    max: 600_000,
    services: ['ingest'],
    meaning: 'how long ingest waits for routing and redaction (every delivery stored) per submission before retrying it',
  },
  maxAttempts: {
    name: 'ACCORD_MAX_ATTEMPTS',
    kind: 'integer',
    default: 5,
    min: 1,
    max: 100,
    services: ['ingest'],
    meaning:
      "attempts before a submission that keeps failing for the bus's own reasons is quarantined `E_PROCESSING_FAILED` (never one that may have deliveries: it is retried until it completes)",
  },
  seenTtlSeconds: {
    name: 'ACCORD_SEEN_TTL_SECONDS',
    kind: 'integer',
    default: 7 * 24 * 3600,
    min: 60,
    services: ['ingest'],
    meaning: 'how long an accepted `noticeId` is remembered (replays: `E_DUPLICATE`)',
    detail: 'keep it well beyond `ACCORD_SKEW_PAST_MS`',
  },
  redactTimeoutMs: {
    name: 'ACCORD_REDACT_TIMEOUT_MS',
    kind: 'integer',
    default: 12_000,
    min: 100,
    max: 600_000,
    services: ['routing'],
    meaning: 'how long routing waits for redaction to store every delivery of a notice',
    detail: 'keep it below `ACCORD_STAGE_TIMEOUT_MS`',
  },
  busSigningKeyFile: {
    name: 'ACCORD_BUS_SIGNING_KEY_FILE',
    kind: 'path',
    file: 'a private Ed25519 JWK (JSON)',
    services: ['redaction', 'statistics'],
    meaning: "the bus's key, which signs every delivered view and every statistical release",
    detail: 'liaisons verify views and releases with its public half (`stack.json` `busPublicKey`)',
  },
  pseudonymKeyFile: {
    name: 'ACCORD_PSEUDONYM_KEY_FILE',
    kind: 'path',
    file: 'a file of at least 32 random bytes',
    services: ['redaction'],
    meaning: 'the key of the per-recipient pseudonyms',
    detail: 'apart from the bus secret so it can be replaced alone (section 5)',
  },
  coarseGridDegrees: {
    name: 'ACCORD_COARSE_GRID_DEGREES',
    kind: 'integer',
    default: 1,
    min: 1,
    max: 90,
    services: ['redaction'],
    meaning: 'the grid (degrees) that precise locations withheld from a recipient are snapped to',
  },
  auditSigningKeyFile: {
    name: 'ACCORD_AUDIT_SIGNING_KEY_FILE',
    kind: 'path',
    file: 'a private Ed25519 JWK (JSON)',
    services: ['audit'],
    meaning: 'the audit key, which signs checkpoints',
    detail: 'verifiers use its public half (`stack.json` `auditPublicKey`)',
  },
  auditMaxBatch: {
    name: 'ACCORD_AUDIT_MAX_BATCH',
    kind: 'integer',
    default: 2000,
    min: 1,
    max: 100_000,
    services: ['audit'],
    meaning: 'most events appended to the chain in one block (one stream message)',
  },
  checkpointRecords: {
    name: 'ACCORD_CHECKPOINT_RECORDS',
    kind: 'integer',
    default: 1000,
    min: 1,
    max: 10_000_000,
    services: ['audit'],
    meaning: 'a signed checkpoint after this many records…',
  },
  checkpointMs: {
    name: 'ACCORD_CHECKPOINT_MS',
    kind: 'integer',
    default: 60_000,
    min: 100,
    max: 86_400_000,
    services: ['audit'],
    meaning: '…or this long after the last one, whichever comes first',
  },
  statsPeriodSeconds: {
    name: 'ACCORD_STATS_PERIOD_SECONDS',
    kind: 'integer',
    default: 0,
    min: 0,
    max: 366 * 86_400,
    zero: 'calendar months (UTC), released as `YYYY-MM`',
    services: ['statistics'],
    meaning: 'the length of a statistics period',
    detail:
      "any other value is a fixed length in seconds from the Unix epoch (86400: UTC days), each period named by its start (`YYYY-MM-DDTHH:MM:SSZ`). A notice belongs to the period of its first counted version's `issuedAt`. Changing it starts new periods for new notices; periods already begun keep their bounds, and releases already made stay as they were",
  },
  statsGraceSeconds: {
    name: 'ACCORD_STATS_GRACE_SECONDS',
    kind: 'integer',
    default: 86_400,
    min: 0,
    max: 90 * 86_400,
    services: ['statistics'],
    meaning: "how long after a period's end its first release waits for late notices, and a revision for more changes",
    detail:
      "keep it above `ACCORD_SKEW_PAST_MS` and the pipeline's lag, so that a release rarely needs a revision for a notice still on its way; withdrawals and updates of a released period's notices make a new version once more than k of its notices have changed, at most once per grace",
  },
  statsMinCell: {
    name: 'ACCORD_STATS_MIN_CELL',
    kind: 'integer',
    default: 5,
    min: 3,
    max: 1000,
    services: ['statistics'],
    meaning: 'k: a number with fewer notices behind it is suppressed, and every suppressed number stays at least this uncertain',
    detail: 'the method and what it protects against are in docs/statistics.md; values below 3 are refused',
  },
} as const satisfies Record<string, Setting>;

/**
 * Variables that are not settings: development and test hooks, and Node's own. No
 * configuration reader reads or checks them, and no deployment file may set an ACCORD_ one.
 */
export const OTHER_VARIABLES: readonly OtherVariable[] = [
  {
    name: 'ACCORD_LOG',
    readBy: 'the logger of every service (`libs/log/`)',
    meaning:
      '`off` silences the JSON log, for tests and benches that start services in-process; anything else leaves it on. In a deployment, use `ACCORD_LOG_LEVEL`',
  },
  {
    name: 'ACCORD_FAILPOINTS',
    readBy: 'ingest, routing, redaction (`libs/failpoints/`)',
    meaning:
      'fault tests only: `name:N[:action]`, the Nth time the point is reached the process kills itself (`kill`, the default: `crash-after-claim:3`), throws an Error (`throw`) or a non-retryable error with a code (`before-redaction:1:E_UNKNOWN_AGENCY`). A test hook, not a setting: never set it in a deployment',
  },
  {
    name: 'ACCORD_CPU_PROFILE_DIR',
    readBy: "`accord stack up`'s process starter (`libs/stack/service-processes.ts`)",
    meaning:
      'diagnostics: start each service with `node --cpu-prof --cpu-prof-dir=DIR`, so it writes a V8 CPU profile there when it stops. It is taken from the environment the stack composes for its services (`serviceEnv` of `DIR/run/state.json`, as `npm run bench:profile` sets it), not from the shell that runs `accord stack up`. Elsewhere, start the service with those two Node options yourself (Node refuses `--cpu-prof` in `NODE_OPTIONS`)',
  },
  {
    name: 'ACCORD_NATS_SERVER',
    readBy: '`accord stack up`, tests, `make setup`',
    meaning: 'the nats-server binary to run instead of the one found',
  },
  { name: 'ACCORD_REDIS_SERVER', readBy: '`accord stack up`, tests', meaning: 'the redis-server binary to run instead of the one found' },
  { name: 'ACCORD_FAULT_NOTICES', readBy: 'tests', meaning: 'notices of the fault tests (`npm run test:faults`)' },
  { name: 'ACCORD_CORPUS_NOTICES', readBy: 'tests', meaning: 'notices of the leak corpus test' },
  { name: 'ACCORD_FUZZ_SUBMISSIONS', readBy: 'tests', meaning: 'submissions of the ingest fuzz test' },
  { name: 'ACCORD_AUDIT_CRASH_NOTICES', readBy: 'tests', meaning: 'notices of the audit writer crash test' },
  {
    name: 'NODE_OPTIONS',
    readBy: 'Node.js (every service)',
    meaning:
      '`--enable-source-maps` in the image and the systemd units, so stack traces point into the TypeScript sources; an OpenTelemetry SDK can be preloaded here (docs/operations.md, section 2): keep `--enable-source-maps` when you set it',
  },
];

/** The table's settings, in its order. */
export const ALL_SETTINGS: readonly Setting[] = Object.values(SETTINGS);

/** The settings the configuration reader of `service` reads. */
export function settingsOf(service: ServiceName): Setting[] {
  return ALL_SETTINGS.filter((s) => s.services.includes(service));
}
