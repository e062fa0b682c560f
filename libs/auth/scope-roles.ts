import type { SigningKey, UserPermissionsLimits } from '@nats-io/jwt';
import { identityName, permissionsFor, SERVICES, type Identity, type Permissions, type ServiceName } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { AGENCY_ID } from '../registry/index.js';

/**
 * The roles of the account's scoped signing keys: one key per kind of bus identity, and
 * one per agency identity (named like it: "adapter.it-police"), whose template fixes the
 * permissions of every user it signs. A user's own claims cannot widen them, so whoever
 * holds an online signing key mints users of that role and no more. Agency roles have
 * keys of their own because nats-server fills in a template only where a whole subject
 * token is the template, and consumer names such as "inbox-<agency>" are not.
 */
export type BusRole = 'auditor' | 'operator' | `service-${ServiceName}`;

export const BUS_ROLES: readonly BusRole[] = [...SERVICES.map((s) => `service-${s}` as const), 'auditor', 'operator'];

/** An agency identity's role: its kind, a dot, and an agency id as the registry allows it. */
const AGENCY_ROLE = new RegExp(`^(adapter|liaison|node)\\.(${AGENCY_ID.source.replace(/^\^|\$$/g, '')})$`);

export function isAgencyRole(role: string): boolean {
  return AGENCY_ROLE.test(role);
}

/** The scope that signs an identity's user; the offline admin has none (the account key signs it). */
export function scopeRoleOf(identity: Identity): string | undefined {
  switch (identity.kind) {
    case 'adapter':
    case 'liaison':
    case 'node':
      return identityName(identity);
    case 'auditor':
    case 'operator':
      return identity.kind;
    case 'service':
      return `service-${identity.service}`;
    case 'admin':
      return undefined;
  }
}

function identityOfRole(role: string): Identity {
  const agency = AGENCY_ROLE.exec(role);
  if (agency) return { kind: agency[1] as 'adapter' | 'liaison' | 'node', agency: agency[2] ?? '' };
  if (role === 'auditor' || role === 'operator') return { kind: role };
  if (role.startsWith('service-') && (SERVICES as readonly string[]).includes(role.slice('service-'.length))) {
    return { kind: 'service', service: role.slice('service-'.length) as ServiceName };
  }
  throw new AccordError('E_STATE', `no identity has the scope role ${role}`);
}

/**
 * NATS JWT permissions from the bus's own: an empty allow list would mean "anything" to
 * the server, so a direction with nothing allowed denies everything instead; responses
 * only where the identity answers requests (an absent `resp` grants none).
 */
export function jwtPermissions(p: Permissions): Partial<UserPermissionsLimits> {
  const direction = (allow: string[], deny: string[] = []) => (allow.length > 0 ? { allow, deny } : { allow: [], deny: ['>'] });
  return {
    pub: direction(p.publish, p.denyPublish),
    sub: direction(p.subscribe),
    ...(p.allowResponses ? { resp: { max: 1, ttl: 0 } } : {}),
    subs: -1,
    data: -1,
    payload: -1,
  };
}

/** The scoped signing key of a role, as the account JWT lists it. */
export function scopedSigningKey(role: string, publicKey: string): SigningKey {
  const permissions = permissionsFor(identityOfRole(role));
  if (!permissions) throw new AccordError('E_STATE', `role ${role} has no permissions to scope`);
  return { kind: 'user_scope', key: publicKey, role, template: jwtPermissions(permissions) };
}
