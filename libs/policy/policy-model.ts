import type { Category } from '../notice/index.js';
import type { Role } from '../registry/index.js';

/** A set condition: any of the values, or (with `not`) none of them. */
export interface ValueSet<T extends string> {
  values: readonly T[];
  negated: boolean;
}

export type RouteLeg = 'origin' | 'transit' | 'destination';

export interface NoticeMatch {
  type?: ValueSet<string>;
  tlp?: ValueSet<string>;
  mode?: ValueSet<string>;
  /** The notice carries every one of these caveats. */
  withCaveats?: readonly string[];
  /** The notice carries none of these caveats. */
  withoutCaveats?: readonly string[];
  /** The route touches any (or, negated, none) of these countries. */
  routeCountries?: ValueSet<string>;
  /** The notice addresses any (or none) of these agencies. */
  addressees?: ValueSet<string>;
  issuer?: AgencyMatch;
}

export interface AgencyMatch {
  id?: ValueSet<string>;
  role?: ValueSet<Role>;
  country?: ValueSet<string>;
  /** Belongs to any (or none) of these sharing groups. */
  groups?: ValueSet<string>;
}

export interface RecipientMatch extends AgencyMatch {
  /** The recipient's country is on the route (any leg), or is not. */
  onRoute?: boolean;
  /** The recipient's country is in any of these legs of the route. */
  routeLeg?: readonly RouteLeg[];
  /** The notice addresses the recipient, or does not. */
  addressee?: boolean;
  /** The recipient shares a sharing group with the issuer, or does not. */
  sharesGroupWithIssuer?: boolean;
}

export interface PolicyRule {
  id: string;
  description?: string;
  notice?: NoticeMatch;
  recipient?: RecipientMatch;
  grant: readonly Category[];
  deny: readonly Category[];
  /** No delivery at all to a recipient this rule matches (narrows the TLP set). */
  exclude: boolean;
}

export interface Policy {
  name: string;
  rules: readonly PolicyRule[];
}
