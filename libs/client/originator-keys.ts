import type { JetStreamManager } from '@nats-io/jetstream';
import type { CryptoKey } from 'jose';
import { buckets } from '../bus/index.js';
import { AccordError, errorMessage } from '../errors/index.js';
import { parseAgencyKey } from '../registry/index.js';
import { verificationKeyFromJwk } from '../signing/index.js';
import type { OriginatorKeys } from './verify-view.js';

/**
 * Originators' public keys from the registry's keys bucket, by direct get (the only
 * registry access a liaison has). Revoked keys stay there, so old views still verify.
 * Only keys found are kept: a kid not found now is asked again next time, and a registry
 * that does not answer is E_UNAVAILABLE (retryable), so that a genuine view is verified
 * again later instead of being set aside.
 */
export function registryKeys(jsm: JetStreamManager): OriginatorKeys {
  const cache = new Map<string, CryptoKey>();
  return async (kid) => {
    const known = cache.get(kid);
    if (known) return known;
    let stored;
    try {
      stored = await jsm.direct.getMessage(`KV_${buckets.keys}`, { last_by_subj: `$KV.${buckets.keys}.${kid}` });
    } catch (error) {
      throw new AccordError('E_UNAVAILABLE', `the originator's key ${kid} could not be read from the registry: ${errorMessage(error)}`, {
        cause: error,
        retryable: true,
      });
    }
    if (!stored) return undefined;
    const key = await verificationKeyFromJwk(parseAgencyKey(stored.json()).jwk);
    cache.set(kid, key);
    return key;
  };
}
