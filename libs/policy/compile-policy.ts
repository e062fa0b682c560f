import { createHash } from 'node:crypto';
import type { Category } from '../notice/index.js';
import { v1, type CaseNoticeProps } from '../proto/index.js';
import type { Agency } from '../registry/index.js';
import type { AgencyMatch, NoticeMatch, Policy, PolicyRule, RecipientMatch, RouteLeg, ValueSet } from './policy-model.js';

/** What rules look at in a notice, worked out once per notice. */
export interface NoticeFacts {
  type: string;
  tlp: string;
  mode: string;
  caveats: ReadonlySet<string>;
  legs: Readonly<Record<RouteLeg, ReadonlySet<string>>>;
  countries: ReadonlySet<string>;
  addressees: ReadonlySet<string>;
  issuer: Agency;
}

const nameOf = (e: object, value: number | null | undefined): string => Object.entries(e).find(([, v]) => v === value)?.[0] ?? '';

export function noticeFacts(notice: CaseNoticeProps, issuer: Agency): NoticeFacts {
  const route = notice.route ?? {};
  const legs = {
    origin: new Set(route.origin ?? []),
    transit: new Set(route.transit ?? []),
    destination: new Set(route.destination ?? []),
  };
  return {
    type: nameOf(v1.NoticeType, notice.type),
    tlp: nameOf(v1.Tlp, notice.tlp),
    mode: nameOf(v1.Mode, notice.mode),
    caveats: new Set((notice.caveats ?? []).map((c) => nameOf(v1.Caveat, c))),
    legs,
    countries: new Set([...legs.origin, ...legs.transit, ...legs.destination]),
    addressees: new Set(notice.addressees ?? []),
    issuer,
  };
}

type Predicate = (n: NoticeFacts, r: Agency) => boolean;

function inSet<T extends string>(set: ValueSet<T>): (value: string) => boolean {
  const values = new Set<string>(set.values);
  return (value) => values.has(value) !== set.negated;
}

function anyOf<T extends string>(set: ValueSet<T>): (values: Iterable<string>) => boolean {
  const wanted = new Set<string>(set.values);
  return (values) => {
    for (const v of values) if (wanted.has(v)) return !set.negated;
    return set.negated;
  };
}

function agencyPredicates(m: AgencyMatch, pick: (n: NoticeFacts, r: Agency) => Agency): Predicate[] {
  const out: Predicate[] = [];
  if (m.id) {
    const t = inSet(m.id);
    out.push((n, r) => t(pick(n, r).id));
  }
  if (m.role) {
    const t = inSet(m.role);
    out.push((n, r) => t(pick(n, r).role));
  }
  if (m.country) {
    const t = inSet(m.country);
    out.push((n, r) => t(pick(n, r).country));
  }
  if (m.groups) {
    const t = anyOf(m.groups);
    out.push((n, r) => t(pick(n, r).groups));
  }
  return out;
}

function noticePredicates(m: NoticeMatch): Predicate[] {
  const out: Predicate[] = [];
  if (m.type) {
    const t = inSet(m.type);
    out.push((n) => t(n.type));
  }
  if (m.tlp) {
    const t = inSet(m.tlp);
    out.push((n) => t(n.tlp));
  }
  if (m.mode) {
    const t = inSet(m.mode);
    out.push((n) => t(n.mode));
  }
  if (m.withCaveats) {
    const all = m.withCaveats;
    out.push((n) => all.every((c) => n.caveats.has(c)));
  }
  if (m.withoutCaveats) {
    const none = m.withoutCaveats;
    out.push((n) => none.every((c) => !n.caveats.has(c)));
  }
  if (m.routeCountries) {
    const t = anyOf(m.routeCountries);
    out.push((n) => t(n.countries));
  }
  if (m.addressees) {
    const t = anyOf(m.addressees);
    out.push((n) => t(n.addressees));
  }
  if (m.issuer) out.push(...agencyPredicates(m.issuer, (n) => n.issuer));
  return out;
}

function recipientPredicates(m: RecipientMatch): Predicate[] {
  const out = agencyPredicates(m, (_n, r) => r);
  if (m.onRoute !== undefined) {
    const want = m.onRoute;
    out.push((n, r) => n.countries.has(r.country) === want);
  }
  if (m.routeLeg) {
    const legs = m.routeLeg;
    out.push((n, r) => legs.some((leg) => n.legs[leg].has(r.country)));
  }
  if (m.addressee !== undefined) {
    const want = m.addressee;
    out.push((n, r) => n.addressees.has(r.id) === want);
  }
  if (m.sharesGroupWithIssuer !== undefined) {
    const want = m.sharesGroupWithIssuer;
    out.push((n, r) => r.groups.some((g) => n.issuer.groups.includes(g)) === want);
  }
  return out;
}

export interface CompiledRule {
  id: string;
  grant: readonly Category[];
  deny: readonly Category[];
  exclude: boolean;
  matches: Predicate;
}

export interface CompiledPolicy {
  name: string;
  /** e.g. "default@3": the name and the version under which it was applied. */
  version: string;
  /** SHA-256 of the policy text, so a version can be tied to exactly what was written. */
  digest: string;
  rules: readonly CompiledRule[];
}

function compileRule(rule: PolicyRule): CompiledRule {
  const predicates = [
    ...(rule.notice ? noticePredicates(rule.notice) : []),
    ...(rule.recipient ? recipientPredicates(rule.recipient) : []),
  ];
  return {
    id: rule.id,
    grant: rule.grant,
    deny: rule.deny,
    exclude: rule.exclude,
    matches: (n, r) => predicates.every((p) => p(n, r)),
  };
}

/** Compiled once, then evaluated against every notice and recipient without re-reading. */
export function compilePolicy(policy: Policy, text: string, versionNumber: number | string): CompiledPolicy {
  return {
    name: policy.name,
    version: `${policy.name}@${versionNumber}`,
    digest: createHash('sha256').update(text).digest('hex'),
    rules: policy.rules.map(compileRule),
  };
}
