import type { JetStreamManager } from '@nats-io/jetstream';
import type { CryptoKey } from 'jose';
import { buckets } from '../bus/index.js';
import { parseAgencyKey } from '../registry/index.js';
import { verificationKeyFromJwk } from '../signing/index.js';
import type { OriginatorKeys } from './verify-view.js';

/**
 * Originators' public keys from the registry's keys bucket, by direct get (the only
 * registry access a liaison has). Revoked keys stay there, so old views still verify.
 */
export function registryKeys(jsm: JetStreamManager): OriginatorKeys {
  const cache = new Map<string, Promise<CryptoKey | undefined>>();
  return (kid) => {
    let key = cache.get(kid);
    if (!key) {
      key = jsm.direct
        .getMessage(`KV_${buckets.keys}`, { last_by_subj: `$KV.${buckets.keys}.${kid}` })
        .then((stored) => (stored ? verificationKeyFromJwk(parseAgencyKey(stored.json()).jwk) : undefined))
        .catch(() => undefined);
      cache.set(kid, key);
    }
    return key;
  };
}
