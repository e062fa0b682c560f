import { v1, type CaseNotice } from '../proto/index.js';
import type { DisclosedNotice } from './disclosed-notice.js';

/** The whole notice the disclosures make up, for the checks and decisions of the bus. */
export function toCaseNotice(d: DisclosedNotice): CaseNotice {
  const core = d.core;
  const notice = v1.CaseNotice.create({
    noticeId: core.noticeId ?? '',
    issuingAgency: core.issuingAgency ?? '',
    caseRef: core.caseRef ?? '',
    type: core.type ?? 0,
    tlp: core.tlp ?? 0,
    caveats: core.caveats ?? [],
    mode: core.mode ?? 0,
    addressees: core.addressees ?? [],
    migrantCount: core.migrantCount ?? 0,
    deathsReported: core.deathsReported ?? 0,
    handling: core.handling ?? [],
    summary: d.summary?.value ?? '',
    persons: d.persons.map((p) => {
      const person: v1.Person.$Properties = {
        role: p.profile.value.role ?? 0,
        nationality: p.profile.value.nationality ?? '',
        unaccompanied: p.profile.value.unaccompanied ?? false,
        fullName: p.identity?.value.fullName ?? '',
        dateOfBirth: p.identity?.value.dateOfBirth ?? '',
        phone: p.identity?.value.phone ?? '',
        documents: p.identity?.value.documents ?? [],
      };
      if (p.profile.value.minor !== undefined && p.profile.value.minor !== null) person.minor = p.profile.value.minor;
      return person;
    }),
    conveyances: d.conveyances.map((c) => c.value),
    financial: d.financial.map((f) => f.value),
    locations: d.locations.map((l) => l.value),
    relations: d.relations.map((r) => r.value),
  });
  if (core.issuedAt) notice.issuedAt = core.issuedAt;
  if (core.route) notice.route = core.route;
  return notice;
}
