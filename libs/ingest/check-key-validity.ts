import type { ReasonCode } from '../errors/index.js';
import type { AgencyKey } from '../registry/index.js';

/**
 * Whether a key may sign a submission that reached the bus at `receivedAt`. A compromised
 * key signs nothing any more, queued submissions included; a superseded one signs nothing
 * submitted after its revocation; no key signs past its notAfter.
 */
export function checkKeyValidity(key: AgencyKey, receivedAt: Date): { code: ReasonCode; message: string } | undefined {
  if (key.status === 'compromised') return { code: 'E_KEY_REVOKED', message: `key ${key.kid} was revoked as compromised` };
  if (key.status === 'superseded' && key.revokedAt && receivedAt.getTime() >= Date.parse(key.revokedAt)) {
    return { code: 'E_KEY_REVOKED', message: `key ${key.kid} was superseded at ${key.revokedAt}` };
  }
  if (key.notAfter && receivedAt.getTime() > Date.parse(key.notAfter)) {
    return { code: 'E_KEY_EXPIRED', message: `key ${key.kid} expired at ${key.notAfter}` };
  }
  return undefined;
}
