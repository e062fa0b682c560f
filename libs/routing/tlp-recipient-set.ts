import { v1, type CaseNoticeProps } from '../proto/index.js';
import type { Agency } from '../registry/index.js';

/** Why an agency is inside the TLP recipient set, or that it is not. */
export type TlpMembership = 'addressee' | 'group-on-route' | 'group' | 'community' | 'outside';

function routeCountries(notice: CaseNoticeProps): Set<string> {
  const route = notice.route ?? {};
  return new Set([...(route.origin ?? []), ...(route.destination ?? []), ...(route.transit ?? [])]);
}

function sharesGroup(a: Agency, b: Agency): boolean {
  return a.groups.some((g) => b.groups.includes(g));
}

/**
 * The contract's TLP recipient sets, nested: RED = AMBER_STRICT = the addressees;
 * AMBER adds agencies sharing a group with the issuer whose country is on the route;
 * GREEN adds every agency sharing a group with the issuer; CLEAR is every agency.
 * The issuer never receives its own notice. Rules may narrow this set, never widen it.
 */
export function tlpMembership(
  notice: CaseNoticeProps,
  issuer: Agency,
  agency: Agency,
  countries: ReadonlySet<string> = routeCountries(notice),
): TlpMembership {
  if (agency.id === issuer.id) return 'outside';
  if ((notice.addressees ?? []).includes(agency.id)) return 'addressee';
  switch (notice.tlp) {
    case v1.Tlp.CLEAR:
      if (sharesGroup(issuer, agency)) return countries.has(agency.country) ? 'group-on-route' : 'group';
      return 'community';
    case v1.Tlp.GREEN:
      if (!sharesGroup(issuer, agency)) return 'outside';
      return countries.has(agency.country) ? 'group-on-route' : 'group';
    case v1.Tlp.AMBER:
      return sharesGroup(issuer, agency) && countries.has(agency.country) ? 'group-on-route' : 'outside';
    default:
      return 'outside';
  }
}

export function tlpRecipientSet(notice: CaseNoticeProps, issuer: Agency, agencies: readonly Agency[]): Agency[] {
  const countries = routeCountries(notice);
  return agencies.filter((a) => tlpMembership(notice, issuer, a, countries) !== 'outside');
}
