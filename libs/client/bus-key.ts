import { readJsonFile } from '../config/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../signing/index.js';
import type { BusVerificationKey } from './verify-view.js';

/** The bus's public key from its JWK file, as views and statistical releases are verified with it. */
export async function readBusVerificationKey(file: string, what = 'the bus public key'): Promise<BusVerificationKey> {
  const jwk = await parsePublicJwk(await readJsonFile(file, what), file);
  return { kid: jwk.kid, key: await verificationKeyFromJwk(jwk) };
}
