import { AccordError } from '../errors/index.js';
import { isAgencyId, isRole, isTlpName, type Agency, type AgencyKey } from './agency.js';

function bad(what: string): AccordError {
  return new AccordError('E_STATE', `registry entry is malformed: ${what}`);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Registry entries are read back from the bus: check them instead of trusting a cast. */
export function parseAgency(json: unknown): Agency {
  const a = json as Partial<Record<keyof Agency, unknown>>;
  if (typeof a !== 'object' || a === null) throw bad('agency is not an object');
  if (typeof a.id !== 'string' || !isAgencyId(a.id)) throw bad('agency id');
  if (typeof a.country !== 'string') throw bad(`country of ${a.id}`);
  if (typeof a.role !== 'string' || !isRole(a.role)) throw bad(`role of ${a.id}`);
  if (!isStringArray(a.groups) || !isStringArray(a.kids)) throw bad(`groups or kids of ${a.id}`);
  if (a.countedTlp !== undefined && !(isStringArray(a.countedTlp) && a.countedTlp.every(isTlpName))) throw bad(`countedTlp of ${a.id}`);
  const agency: Agency = {
    id: a.id,
    country: a.country,
    role: a.role,
    groups: a.groups,
    kids: a.kids,
    registeredAt: typeof a.registeredAt === 'string' ? a.registeredAt : '',
  };
  if (a.countedTlp !== undefined) agency.countedTlp = a.countedTlp.filter(isTlpName);
  return agency;
}

export function parseAgencyKey(json: unknown): AgencyKey {
  const k = json as Partial<Record<keyof AgencyKey, unknown>>;
  if (typeof k !== 'object' || k === null) throw bad('key is not an object');
  if (typeof k.kid !== 'string' || typeof k.agency !== 'string') throw bad('key kid or agency');
  const jwk = k.jwk as Partial<AgencyKey['jwk']> | undefined;
  if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw bad(`jwk of ${k.kid}`);
  if (k.status !== 'active' && k.status !== 'superseded' && k.status !== 'compromised') throw bad(`status of ${k.kid}`);
  const key: AgencyKey = {
    kid: k.kid,
    agency: k.agency,
    jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: k.kid },
    status: k.status,
    addedAt: typeof k.addedAt === 'string' ? k.addedAt : '',
  };
  if (typeof k.notAfter === 'string') key.notAfter = k.notAfter;
  if (typeof k.revokedAt === 'string') key.revokedAt = k.revokedAt;
  return key;
}
