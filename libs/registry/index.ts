export {
  AGENCY_ID,
  ROLES,
  LAW_ENFORCEMENT,
  isAgencyId,
  isRole,
  assertAgencyId,
  TLP_NAMES,
  DEFAULT_COUNTED_TLP,
  countedTlpOf,
  isTlpName,
} from './agency.js';
export type { Agency, AgencyKey, KeyStatus, Role, TlpName } from './agency.js';
export { parseAgency, parseAgencyKey } from './parse-registry-entries.js';
export { MutableRegistry } from './registry-snapshot.js';
export type { RegistrySnapshot } from './registry-snapshot.js';
