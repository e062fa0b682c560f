import type { CryptoKey } from 'jose';
import { verificationKeyFromJwk, type PublicJwk } from './key-pair.js';

/** Imported verification keys by kid: importing a JWK costs more than a verification. */
export class VerificationKeyCache {
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  get(jwk: PublicJwk): Promise<CryptoKey> {
    let key = this.keys.get(jwk.kid);
    if (!key) {
      key = verificationKeyFromJwk(jwk);
      this.keys.set(jwk.kid, key);
      // A key that would not import is not remembered: the next attempt tries again.
      key.catch(() => this.keys.delete(jwk.kid));
    }
    return key;
  }
}
