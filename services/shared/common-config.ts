import { EnvReader, readSecretFile, type Env } from '../../libs/config/index.js';
import { AccordError } from '../../libs/errors/index.js';
import type { BusConnectionOptions } from '../../libs/bus/index.js';
import { LOG_LEVELS, type LogLevel } from '../../libs/log/index.js';

/** What every service needs to reach the bus, and to be seen by its operators. */
export interface CommonConfig {
  nats: Omit<BusConnectionOptions, 'name'>;
  /** Where /healthz, /readyz and /metrics are served; none when absent (services started in-process by tests). */
  http?: { host: string; port: number };
  /** Validated here so a wrong value stops the service; the logger reads it from the environment. */
  logLevel?: LogLevel;
}

/** The Prometheus exporters' customary port. */
export const DEFAULT_HTTP_PORT = 9464;

export function readCommonConfig(env: Env): CommonConfig {
  const r = new EnvReader(env);
  const nats: CommonConfig['nats'] = { url: r.urlList('ACCORD_NATS_URL', ['nats', 'tls']) };
  const creds = r.optionalString('ACCORD_NATS_CREDS');
  const ca = r.optionalString('ACCORD_NATS_CA');
  if (creds) nats.credsFile = creds;
  if (ca) nats.caFile = ca;
  return {
    nats,
    http: { host: r.host('ACCORD_HTTP_HOST', '127.0.0.1'), port: r.integer('ACCORD_HTTP_PORT', DEFAULT_HTTP_PORT, 0, 65535) },
    logLevel: r.oneOf('ACCORD_LOG_LEVEL', LOG_LEVELS, 'info'),
  };
}

/** The bus secret (HMAC key) that keys digests, element ids and pseudonyms. */
export async function readBusSecret(env: Env): Promise<Buffer> {
  const path = new EnvReader(env).string('ACCORD_BUS_SECRET_FILE', 'the path of the bus secret (32 random bytes)');
  const secret = await readSecretFile(path, 'the bus secret');
  if (secret.length < 32)
    throw new AccordError('E_CONFIG', `ACCORD_BUS_SECRET_FILE: ${path} holds ${secret.length} bytes; expected at least 32`);
  return secret;
}
