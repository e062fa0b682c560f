import { isAccordError } from '../../libs/errors/index.js';
import { parseSetting, SETTINGS } from '../../libs/settings/index.js';
import { assertNotRunning, stackDown, stackUp, type StackUpOptions } from '../../libs/stack/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseCount, parseOptions, requireOption } from '../parse-options.js';
import { addDemoAgencies } from '../../libs/demo/index.js';

export const stackUpCommand: Command = {
  name: 'stack up',
  summary: 'start a local stack (nats-server, Redis, the five services) whose state lives in DIR',
  help: `Usage: accord stack up --dir DIR [--foreground] [--demo-agencies] [--sync-interval always|DURATION]
                        [--cluster 3|5] [--instances N] [--stats-period SECONDS] [--stats-grace SECONDS]

Starts nats-server (JetStream), Redis (append-only file) and the ingest, routing,
redaction, audit and statistics services, creates the streams, and returns once every service
reports ready. DIR holds everything: data, keys, stack.json, logs/ of each process.
Starting again after \`stack down\` keeps the data (and the cluster and instance counts).

  --dir DIR            the stack's folder (created if missing)
  --foreground         stay attached; Ctrl-C stops the stack
  --demo-agencies      register a few demo agencies (only when DIR has none)
  --sync-interval V    JetStream fsync interval: "always" (fsync every write, the
                       strictest durability, slower) or a duration such as 10s or 2m
                       (nats-server's default is 2m); see docs/durability.md
  --cluster N          run N nats-server nodes (3 or 5) on this machine, routes over
                       mutual TLS, every stream and bucket at 3 replicas: losing one
                       node loses nothing (only for a new stack)
  --instances N        run N instances of each service (1 to 8), sharing their work;
                       one audit instance writes the chain, the others stand by
  --stats-period S     statistics periods of S seconds instead of calendar months, and
  --stats-grace S      releases S seconds after a period ends instead of a day (for
                       demonstrations: a research agency sees figures in minutes;
                       ACCORD_STATS_PERIOD_SECONDS and ACCORD_STATS_GRACE_SECONDS); kept on restart

Examples: accord stack up --dir ./my-stack
          accord stack up --dir ./cluster-stack --cluster 3 --instances 2`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      {
        dir: { type: 'string' },
        foreground: { type: 'boolean' },
        'demo-agencies': { type: 'boolean' },
        'sync-interval': { type: 'string' },
        cluster: { type: 'string' },
        instances: { type: 'string' },
        'stats-period': { type: 'string' },
        'stats-grace': { type: 'string' },
      },
      { min: 0, max: 0, names: '' },
    );
    const dir = requireOption(values.dir, 'dir');
    const progress = (line: string): void => void process.stderr.write(`  ${line}\n`);
    const syncInterval = values['sync-interval'];
    if (syncInterval !== undefined && !/^(always|\d+(ms|s|m|h))$/.test(syncInterval)) {
      throw usageError(`--sync-interval ${syncInterval}: expected "always" or a duration such as 10s or 2m`);
    }
    const clusterNodes = parseCount(values.cluster, 'cluster');
    if (clusterNodes !== undefined && clusterNodes !== 3 && clusterNodes !== 5)
      throw usageError(`--cluster ${clusterNodes}: a cluster has 3 or 5 nodes`);
    const instances = parseCount(values.instances, 'instances');
    if (instances !== undefined && (instances < 1 || instances > 8)) throw usageError(`--instances ${instances}: expected 1 to 8`);
    const serviceEnv = statisticsEnv(values['stats-period'], values['stats-grace']);
    const options = {
      progress,
      ...(Object.keys(serviceEnv).length > 0 ? { serviceEnv } : {}),
      ...(syncInterval ? { syncInterval } : {}),
      ...(clusterNodes ? { clusterNodes } : {}),
      ...(instances ? { instances } : {}),
    };
    if (!values.foreground) {
      await startStack(dir, options, values['demo-agencies'] === true);
      return EXIT.ok;
    }
    // In the foreground the stack lives as long as this process: a signal, even one during
    // start-up or a second one, ends in every process of the stack stopped. Checked first,
    // so that what is stopped at the end is what this process started.
    assertNotRunning(dir);
    const stopRequested = firstStopSignal();
    try {
      await startStack(dir, options, values['demo-agencies'] === true);
      process.stdout.write('running in the foreground; press Ctrl-C to stop\n');
      // Signal handlers alone do not keep Node's event loop alive; the interval does.
      const keepAlive = setInterval(() => undefined, 60_000);
      await stopRequested;
      clearInterval(keepAlive);
    } finally {
      process.stderr.write('stopping the stack\n');
      // A start-up that failed before it recorded any process has nothing to stop.
      await stackDown(dir, progress).catch((error: unknown) => {
        if (!isAccordError(error) || error.code !== 'E_NOT_FOUND') throw error;
      });
    }
    return EXIT.ok;
  },
};

/** The statistics service's period and grace, checked as the service itself will check them. */
function statisticsEnv(period: string | undefined, grace: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [option, value, setting] of [
    ['--stats-period', period, SETTINGS.statsPeriodSeconds],
    ['--stats-grace', grace, SETTINGS.statsGraceSeconds],
  ] as const) {
    if (value === undefined) continue;
    try {
      parseSetting(setting, value);
    } catch {
      throw usageError(`${option} ${value}: expected whole seconds from ${setting.min} to ${setting.max}`);
    }
    env[setting.name] = value;
  }
  return env;
}

async function startStack(dir: string, options: StackUpOptions, demoAgencies: boolean): Promise<void> {
  const stack = await stackUp(dir, options);
  const progress = options.progress ?? (() => undefined);
  if (demoAgencies && Object.keys(stack.agencies).length === 0) await addDemoAgencies(dir, progress);
  process.stdout.write(`stack up in ${dir}: NATS at ${stack.natsUrl}; clients read ${dir}/stack.json\n`);
}

/** SIGINT, SIGTERM or SIGHUP (the terminal closed): resolves on the first; later ones only say the stack is stopping. */
function firstStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let first: NodeJS.Signals | undefined;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        if (first) {
          process.stderr.write(`${signal}: the stack is stopping already (each process has 10 s before it is killed)\n`);
          return;
        }
        first = signal;
        resolve(signal);
      });
    }
  });
}

export const stackDownCommand: Command = {
  name: 'stack down',
  summary: 'stop the stack in DIR (its data stays)',
  help: `Usage: accord stack down --dir DIR

Stops the services (each instance drains first), then Redis, then the nats-server(s). The data stays
in DIR; \`accord stack up --dir DIR\` starts the same stack again.`,
  async run(argv) {
    const { values } = parseOptions(argv, { dir: { type: 'string' } }, { min: 0, max: 0, names: '' });
    const dir = requireOption(values.dir, 'dir');
    await stackDown(dir, (line) => void process.stderr.write(`  ${line}\n`));
    process.stdout.write(`stack in ${dir} stopped\n`);
    return EXIT.ok;
  },
};
