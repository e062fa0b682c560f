import { AccordError } from '../errors/index.js';
import { v1 } from '../proto/index.js';

export const AUDIT_KINDS = [
  'RECEIVED',
  'QUARANTINED',
  'ACCEPTED',
  'ROUTED',
  'VIEW',
  'DELIVERED',
  'RECEIPT',
  'KEY',
  'POLICY',
  'SERVICE',
  'CHECKPOINT',
  'ERASED',
  'WIDEN_REQUESTED',
  'WIDEN_RELEASED',
  'WIDEN_REFUSED',
  'STATISTICS',
] as const;

export type AuditKindName = (typeof AUDIT_KINDS)[number];

export function auditKindName(kind: number | null | undefined): string {
  return AUDIT_KINDS.find((k) => v1.AuditKind[k] === kind) ?? `UNKNOWN(${String(kind)})`;
}

export function parseAuditKind(name: string): number {
  const upper = name.toUpperCase();
  const found = AUDIT_KINDS.find((k) => k === upper);
  if (!found) throw new AccordError('E_USAGE', `--kind ${name}: expected one of ${AUDIT_KINDS.join(', ')}`);
  return v1.AuditKind[found];
}
