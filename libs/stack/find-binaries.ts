import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { AccordError } from '../errors/index.js';
import { packageRoot } from './package-root.js';

/** 2.9.x lacks sync_interval and fixes for CVE-2023-47090 and CVE-2025-30215. */
export const MIN_NATS_SERVER = '2.10.27';

export interface Binary {
  path: string;
  version: string;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function versionOf(path: string, pattern: RegExp): string | undefined {
  try {
    return pattern.exec(execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 }))?.[1];
  } catch {
    return undefined;
  }
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * nats-server >= 2.10.27: $ACCORD_NATS_SERVER, else the one setup unpacked into .tools/,
 * else the system's. Says what to run when none is recent enough.
 */
export function findNatsServer(): Binary {
  const candidates = [
    process.env.ACCORD_NATS_SERVER,
    join(packageRoot(), '.tools/nats-server/usr/sbin/nats-server'),
    onPath('nats-server'),
  ].filter((c): c is string => Boolean(c) && existsSync(c as string));
  const seen: string[] = [];
  for (const path of candidates) {
    const version = versionOf(path, /nats-server:\s*v?(\d+\.\d+\.\d+)/);
    if (version && compareVersions(version, MIN_NATS_SERVER) >= 0) return { path, version };
    seen.push(`${path} (${version ?? 'unknown version'})`);
  }
  const found = seen.length ? `found only ${seen.join(', ')}` : 'none found';
  throw new AccordError(
    'E_CONFIG',
    `nats-server ${MIN_NATS_SERVER} or newer is needed, ${found}; run \`make setup\` (scripts/setup.sh) to fetch Debian trixie's`,
  );
}

export function findRedisServer(): Binary {
  const path = process.env.ACCORD_REDIS_SERVER ?? onPath('redis-server');
  const version = path ? versionOf(path, /v=(\d+\.\d+\.\d+)/) : undefined;
  if (!path || !version) {
    throw new AccordError('E_CONFIG', "redis-server is needed; run `make setup` (it installs Debian's redis-server)");
  }
  if (compareVersions(version, '7.0.0') < 0) throw new AccordError('E_CONFIG', `redis-server ${version} at ${path} is older than 7.0`);
  return { path, version };
}
