import { EnvReader, readSecretFile, type Env } from '../../libs/config/index.js';
import { AccordError } from '../../libs/errors/index.js';
import type { BusConnectionOptions } from '../../libs/bus/index.js';

/** What every service needs to reach the bus. */
export interface CommonConfig {
  nats: Omit<BusConnectionOptions, 'name'>;
}

export function readCommonConfig(env: Env): CommonConfig {
  const r = new EnvReader(env);
  const nats: CommonConfig['nats'] = { url: r.urlList('ACCORD_NATS_URL', ['nats', 'tls']) };
  const creds = r.optionalString('ACCORD_NATS_CREDS');
  const ca = r.optionalString('ACCORD_NATS_CA');
  if (creds) nats.credsFile = creds;
  if (ca) nats.caFile = ca;
  return { nats };
}

/** The bus secret (HMAC key) that keys digests, element ids and pseudonyms. */
export async function readBusSecret(env: Env): Promise<Buffer> {
  const path = new EnvReader(env).string('ACCORD_BUS_SECRET_FILE', 'the path of the bus secret (32 random bytes)');
  const secret = await readSecretFile(path, 'the bus secret');
  if (secret.length < 32) throw new AccordError('E_CONFIG', `ACCORD_BUS_SECRET_FILE: ${path} holds ${secret.length} bytes; expected at least 32`);
  return secret;
}
