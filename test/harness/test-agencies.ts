import { ensureInboxConsumer, putAgency, putAgencyKey } from '../../libs/bus/index.js';
import type { Agency, Role } from '../../libs/registry/index.js';
import { generateSigningKeyPair, signingKeyFromJwk, type PublicJwk, type SigningKey } from '../../libs/signing/index.js';
import type { TestBus } from './test-bus.js';

export interface TestAgency {
  agency: Agency;
  key: SigningKey;
  publicJwk: PublicJwk;
}

export interface AgencySpec {
  id: string;
  country: string;
  role: Role;
  groups?: string[];
}

/** An agency with a fresh key pair, registered the way `agency add` does it. */
export async function registerAgency(bus: TestBus, spec: AgencySpec): Promise<TestAgency> {
  const { privateJwk, publicJwk } = await generateSigningKeyPair();
  const agency: Agency = {
    id: spec.id,
    country: spec.country,
    role: spec.role,
    groups: spec.groups ?? [],
    kids: [publicJwk.kid],
    registeredAt: new Date().toISOString(),
  };
  await ensureInboxConsumer(bus.jsm, spec.id, bus.settings);
  await putAgencyKey(bus.buckets, { kid: publicJwk.kid, agency: spec.id, jwk: publicJwk, status: 'active', addedAt: agency.registeredAt });
  await putAgency(bus.buckets, agency);
  return { agency, key: await signingKeyFromJwk(privateJwk, spec.id), publicJwk };
}

/** A key that no registry knows. */
export async function unregisteredKey(): Promise<SigningKey> {
  const { privateJwk } = await generateSigningKeyPair();
  return signingKeyFromJwk(privateJwk, 'unregistered');
}
