export { AUDIT_KINDS, auditKindName, parseAuditKind } from './audit-kinds.js';
export type { AuditKindName } from './audit-kinds.js';
export { auditEventId } from './event-ids.js';
export { EMPTY_CHAIN, GENESIS_HASH, chainEvents, sha256 } from './hash-chain.js';
export type { ChainHead } from './hash-chain.js';
export { ChainVerifier } from './verify-chain.js';
export type { ChainBreak } from './verify-chain.js';
export { auditRecordToJson } from './record-json.js';
