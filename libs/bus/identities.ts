import type { ServiceName } from './names.js';

/** Who connects to the bus. Each identity has its own credential and inbox prefix. */
export type Identity =
  | { kind: 'adapter'; agency: string }
  | { kind: 'liaison'; agency: string }
  | { kind: 'service'; service: ServiceName }
  | { kind: 'auditor' }
  | { kind: 'operator' }
  | { kind: 'admin' };

/** A stable name, e.g. "adapter.it-police" or "service.ingest". */
export function identityName(identity: Identity): string {
  switch (identity.kind) {
    case 'adapter':
    case 'liaison':
      return `${identity.kind}.${identity.agency}`;
    case 'service':
      return `service.${identity.service}`;
    default:
      return identity.kind;
  }
}

/**
 * Private reply subjects. Agency ids cannot hold "_", so "_INBOX_<agency>" (an agency's
 * liaisons), "_INBOX_<agency>_adapter" and "_INBOX_accord_<name>" never overlap.
 */
export function inboxPrefix(identity: Identity): string {
  switch (identity.kind) {
    case 'liaison':
      return `_INBOX_${identity.agency}`;
    case 'adapter':
      return `_INBOX_${identity.agency}_adapter`;
    case 'service':
      return `_INBOX_accord_${identity.service}`;
    default:
      return `_INBOX_accord_${identity.kind}`;
  }
}
