import type { BusVerificationKey, OriginatorKeys } from '../../libs/client/index.js';
import {
  generateSigningKeyPair,
  parsePublicJwk,
  signingKeyFromJwk,
  verificationKeyFromJwk,
  type PublicJwk,
  type SigningKey,
} from '../../libs/signing/index.js';

/** An originating agency and a bus, with fresh keys, and what a recipient verifies them with. */
export interface Parties {
  originator: SigningKey;
  originatorJwk: PublicJwk;
  bus: SigningKey;
  busJwk: PublicJwk;
  busKey: BusVerificationKey;
  originators: OriginatorKeys;
}

export async function parties(): Promise<Parties> {
  const o = await generateSigningKeyPair();
  const b = await generateSigningKeyPair();
  const originatorKey = await verificationKeyFromJwk(o.publicJwk);
  const busJwk = await parsePublicJwk(b.publicJwk, 'bus');
  return {
    originator: await signingKeyFromJwk(o.privateJwk, 'originator'),
    originatorJwk: o.publicJwk,
    bus: await signingKeyFromJwk(b.privateJwk, 'bus'),
    busJwk,
    busKey: { kid: busJwk.kid, key: await verificationKeyFromJwk(busJwk) },
    originators: async (kid) => (kid === o.publicJwk.kid ? originatorKey : undefined),
  };
}
