import { AccordError, isAccordError } from '../errors/index.js';
import { checkAddressees } from '../ingest/index.js';
import { decodeNotice, validateNotice } from '../notice/index.js';
import type { CompiledPolicy } from '../policy/index.js';
import type { v1 } from '../proto/index.js';
import type { Agency, RegistrySnapshot } from '../registry/index.js';
import { decideRouting } from './decide-routing.js';

/**
 * What the running policy would give each agency for a draft of `asker`'s, decided as
 * routing will decide the notice once it is sent; nothing is published or recorded. A
 * draft that ingest would refuse is answered with ingest's reason code and path instead,
 * and a draft in another agency's name is never explained (the broker lets only an
 * agency's node ask on its subject, so `asker` is that agency).
 */
export function previewDraft(
  draftBytes: Uint8Array,
  asker: string,
  registry: RegistrySnapshot,
  policy: CompiledPolicy,
): v1.DraftPreview.$Properties {
  try {
    const draft = decodeNotice(draftBytes);
    if (draft.issuingAgency !== asker)
      throw new AccordError('E_SUBJECT_MISMATCH', `the draft's issuingAgency must be the asking node's agency, ${asker}`, {
        path: 'issuingAgency',
      });
    validateNotice(draft);
    const unknown = checkAddressees(draft, registry);
    if (unknown) throw new AccordError(unknown.code, unknown.message, unknown.path === undefined ? {} : { path: unknown.path });
    const issuer = registry.agency(asker);
    if (!issuer) throw new AccordError('E_UNKNOWN_AGENCY', `agency ${asker} is not registered`, { path: 'issuingAgency' });
    const decision = decideRouting(draft, issuer, registry.agencies(), policy);
    return {
      policyVersion: decision.policyVersion,
      agencies: decision.agencies
        .filter((d) => d.agency !== asker)
        .map((d) => ({
          agency: d.agency,
          delivered: d.delivered,
          tlp: d.tlp,
          categories: d.categories,
          ruleIds: d.ruleIds,
          denied: d.denied,
          invariants: d.invariants.map((i) => ({ invariant: i.invariant, removed: i.removed })),
        })),
    };
  } catch (error) {
    if (!isAccordError(error)) throw error;
    return { error: { code: error.code, message: error.message }, ...(error.path ? { errorPath: error.path } : {}) };
  }
}

/** The agency directory a composer picks addressees from: ids, countries, roles and groups, no keys. */
export function agencyDirectory(agencies: readonly Agency[]): v1.AgencyDirectory.$Properties {
  return { agencies: agencies.map((a) => ({ id: a.id, country: a.country, role: a.role, groups: a.groups })) };
}
