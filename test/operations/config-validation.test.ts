import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { packageRoot } from '../../libs/stack/index.js';

/** Starts a built service with only `env` (no bus needed: configuration is checked first). */
function start(service: string, env: Record<string, string>): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [join(packageRoot(), 'dist', 'services', service, 'main.js')], {
    env: { PATH: process.env.PATH ?? '', ACCORD_LOG: 'off', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: run.status, stderr: run.stderr };
}

const base = { ACCORD_NATS_URL: 'tls://127.0.0.1:1' };

test.each([
  ['routing', {}, 'ACCORD_NATS_URL is not set; expected a URL (nats or tls), or several separated by commas'],
  ['routing', { ...base, ACCORD_HTTP_PORT: 'ninety' }, 'ACCORD_HTTP_PORT is "ninety"; expected an integer from 0 to 65535'],
  ['routing', { ...base, ACCORD_LOG_LEVEL: 'verbose' }, 'ACCORD_LOG_LEVEL is "verbose"; expected one of debug, info, warn, error'],
  [
    'ingest',
    { ...base, ACCORD_REDIS_URL: 'redis://127.0.0.1:1', ACCORD_BUS_SECRET_FILE: '/nonexistent', ACCORD_INGEST_CONCURRENCY: '0' },
    'ACCORD_INGEST_CONCURRENCY is "0"; expected an integer from 1 to 4096',
  ],
])('%s with %o stops at once with one line naming the variable and what it expects', (service, env, expected) => {
  const run = start(service, env);
  expect(run.status).toBe(1);
  expect(run.stderr.trim().split('\n')).toEqual([`accord-${service}: cannot start: E_CONFIG: ${expected}`]);
});
