import type { ServiceName } from './names.js';

/** Who connects to the bus. Each identity has its own credential and inbox prefix. */
export type Identity =
  | { kind: 'adapter'; agency: string }
  | { kind: 'liaison'; agency: string }
  /** The agency's node (`accord node serve`): its own consumer of the agency's deliveries. */
  | { kind: 'node'; agency: string }
  | { kind: 'service'; service: ServiceName }
  | { kind: 'auditor' }
  | { kind: 'operator' }
  | { kind: 'admin' };

/** A stable name, e.g. "adapter.it-police", "node.it-police" or "service.ingest". */
export function identityName(identity: Identity): string {
  switch (identity.kind) {
    case 'adapter':
    case 'liaison':
    case 'node':
      return `${identity.kind}.${identity.agency}`;
    case 'service':
      return `service.${identity.service}`;
    default:
      return identity.kind;
  }
}

/**
 * Private reply subjects, each one token. Agency ids cannot hold "_", so "_INBOX_<agency>"
 * (an agency's liaisons), "_INBOX_<agency>_adapter", "_INBOX_<agency>_node" and
 * "_INBOX_accord_<name>" never overlap, even for an agency named "accord": no service and
 * no other kind is named "adapter" or "node".
 */
export function inboxPrefix(identity: Identity): string {
  switch (identity.kind) {
    case 'liaison':
      return `_INBOX_${identity.agency}`;
    case 'adapter':
      return `_INBOX_${identity.agency}_adapter`;
    case 'node':
      return `_INBOX_${identity.agency}_node`;
    case 'service':
      return `_INBOX_accord_${identity.service}`;
    default:
      return `_INBOX_accord_${identity.kind}`;
  }
}
