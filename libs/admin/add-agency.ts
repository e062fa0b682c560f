import { auditEventId } from '../audit/index.js';
import { ensureInboxConsumer, getAgency, openRegistryBuckets, publishServiceEvents, putAgency, putAgencyKey } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { isCountryCode } from '../notice/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';
import { assertAgencyId, isRole, ROLES, type Agency, type AgencyKey, type Role } from '../registry/index.js';
import type { PublicJwk } from '../signing/index.js';
import type { AdminSession } from './admin-session.js';

export interface AddAgencyInput {
  id: string;
  country: string;
  role: string;
  groups: string[];
  /** RFC 3339: the key is refused for notices after this time. */
  notAfter?: string;
}

export interface AddedAgency {
  agency: Agency;
  kid: string;
  adapterCreds: string;
  liaisonCreds: string;
}

const GROUP = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Checks what `agency add` was given before anything is generated or changed. */
export function validateAgencyInput(input: AddAgencyInput): Role {
  assertAgencyId(input.id);
  if (!isCountryCode(input.country)) {
    throw new AccordError('E_USAGE', `--country ${input.country}: expected an ISO 3166-1 alpha-2 code such as IT or LY`);
  }
  if (!isRole(input.role)) throw new AccordError('E_USAGE', `--role ${input.role}: expected one of ${ROLES.join(', ')}`);
  for (const g of input.groups) {
    if (!GROUP.test(g)) throw new AccordError('E_USAGE', `--groups: "${g}" must be lower-case letters, digits and dashes`);
  }
  if (input.notAfter !== undefined && Number.isNaN(Date.parse(input.notAfter))) {
    throw new AccordError('E_USAGE', `--not-after ${input.notAfter}: expected an RFC 3339 time`);
  }
  return input.role;
}

export async function assertNotRegistered(session: AdminSession, id: string): Promise<void> {
  if (await getAgency(await openRegistryBuckets(session.nc), id)) throw new AccordError('E_EXISTS', `agency ${id} is already registered`);
}

/**
 * Registers an agency on a running bus: credentials for its adapter and its liaison
 * officers (valid at once on every server: no server changes), the durable consumer of
 * its deliveries, its public key and its registry entry. Running services see it at once.
 */
export async function addAgency(session: AdminSession, input: AddAgencyInput, jwk: PublicJwk): Promise<AddedAgency> {
  const role = validateAgencyInput(input);
  await assertNotRegistered(session, input.id);
  const buckets = await openRegistryBuckets(session.nc);
  const [adapterCreds = '', liaisonCreds = ''] = await session.credentials.issue([
    { kind: 'adapter', agency: input.id },
    { kind: 'liaison', agency: input.id },
  ]);
  await ensureInboxConsumer(session.jsm, input.id, session.settings);

  const now = new Date().toISOString();
  const key: AgencyKey = { kid: jwk.kid, agency: input.id, jwk, status: 'active', addedAt: now };
  if (input.notAfter) key.notAfter = new Date(input.notAfter).toISOString();
  const agency: Agency = { id: input.id, country: input.country, role, groups: input.groups, kids: [jwk.kid], registeredAt: now };
  await putAgencyKey(buckets, key);
  await putAgency(buckets, agency);
  await publishServiceEvents(session.js, 'admin', [
    {
      eventId: auditEventId.keyChange(input.id, jwk.kid, 'agency-added'),
      kind: v1.AuditKind.KEY,
      time: timestampFromDate(new Date()),
      service: 'admin',
      agency: input.id,
      kid: jwk.kid,
      action: 'agency-added',
    },
  ]);
  return { agency, kid: jwk.kid, adapterCreds, liaisonCreds };
}
