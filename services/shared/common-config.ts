import { readSecretFile } from '../../libs/config/index.js';
import { AccordError } from '../../libs/errors/index.js';
import type { BusConnectionOptions, ServiceName } from '../../libs/bus/index.js';
import type { LogLevel } from '../../libs/log/index.js';
import { readSettings, SETTINGS, type Env, type SettingsReader } from '../../libs/settings/index.js';

/** What every service needs to reach the bus, and to be seen by its operators. */
export interface CommonConfig {
  nats: Omit<BusConnectionOptions, 'name'>;
  /** Where /healthz, /readyz and /metrics are served; none when absent (services started in-process by tests). */
  http?: { host: string; port: number };
  /** Validated here so a wrong value stops the service; the logger reads it from the environment. */
  logLevel?: LogLevel;
}

export function readCommonConfig(read: SettingsReader): CommonConfig {
  const nats: CommonConfig['nats'] = { url: read(SETTINGS.natsUrl) };
  const creds = read(SETTINGS.natsCreds);
  const ca = read(SETTINGS.natsCa);
  if (creds) nats.credsFile = creds;
  if (ca) nats.caFile = ca;
  return {
    nats,
    http: { host: read(SETTINGS.httpHost), port: read(SETTINGS.httpPort) },
    logLevel: read(SETTINGS.logLevel),
  };
}

/** The bus secret (HMAC key) that keys digests and element ids. */
export async function readBusSecret(service: ServiceName, env: Env): Promise<Buffer> {
  const { name } = SETTINGS.busSecretFile;
  const path = readSettings(service, env)(SETTINGS.busSecretFile);
  const secret = await readSecretFile(path, 'the bus secret');
  if (secret.length < 32) throw new AccordError('E_CONFIG', `${name}: ${path} holds ${secret.length} bytes; expected at least 32`);
  return secret;
}
