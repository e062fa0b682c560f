export { AGENCY_ID, ROLES, LAW_ENFORCEMENT, isAgencyId, isRole, assertAgencyId } from './agency.js';
export type { Agency, AgencyKey, KeyStatus, Role } from './agency.js';
export { parseAgency, parseAgencyKey } from './parse-registry-entries.js';
export { MutableRegistry } from './registry-snapshot.js';
export type { RegistrySnapshot } from './registry-snapshot.js';
