import { readFileSync } from 'node:fs';
import type { Agency, Role } from '../../libs/registry/index.js';
import { generateSigningKeyPair, signingKeyFromJwk, type PublicJwk, type SigningKey } from '../../libs/signing/index.js';
import { addAgencyIn } from '../../libs/context/index.js';
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
  notAfter?: string;
}

/** An agency registered exactly as `accord agency add` does it (credentials included). */
export async function registerAgency(bus: TestBus, spec: AgencySpec): Promise<TestAgency> {
  const { agency, signingKeyFile } = await addAgencyIn(bus.dir, { ...spec, groups: spec.groups ?? [] });
  if (!signingKeyFile) throw new Error('addAgency made no demo key');
  const privateJwk: unknown = JSON.parse(readFileSync(signingKeyFile, 'utf8'));
  const publicJwk = JSON.parse(readFileSync(`${signingKeyFile}.pub`, 'utf8')) as PublicJwk;
  return { agency, key: await signingKeyFromJwk(privateJwk, spec.id), publicJwk };
}

/** A key that no registry knows. */
export async function unregisteredKey(): Promise<SigningKey> {
  const { privateJwk } = await generateSigningKeyPair();
  return signingKeyFromJwk(privateJwk, 'unregistered');
}
