import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CATEGORIES, type Category } from '../../libs/notice/index.js';
import { compilePolicy, parsePolicy, type Policy, type PolicyRule, type ValueSet } from '../../libs/policy/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { ROLES, type Agency } from '../../libs/registry/index.js';
import { decideRouting } from '../../libs/routing/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const NOTICES = 2000;
const COUNTRIES = ['IT', 'LY', 'NE', 'MT', 'TN', 'GR', 'FR', 'DE'];
const GROUPS = ['med', 'sahel', 'balkans'];
const TLPS = [v1.Tlp.CLEAR, v1.Tlp.GREEN, v1.Tlp.AMBER, v1.Tlp.AMBER_STRICT, v1.Tlp.RED];
const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)] as T;
const some = <T>(items: readonly T[], max = items.length): T[] => items.filter(() => randomInt(items.length) < Math.min(max, 2));

function randomAgencies(): Agency[] {
  return Array.from({ length: 4 + randomInt(20) }, (_, i) => ({
    id: `a${i}`,
    country: pick(COUNTRIES),
    role: pick(ROLES),
    groups: some(GROUPS),
    kids: [],
    registeredAt: '',
  }));
}

function randomNotice(agencies: Agency[]): CaseNoticeProps {
  return sampleNotice('a0', {
    tlp: pick(TLPS),
    mode: pick([v1.Mode.LAND, v1.Mode.SEA, v1.Mode.AIR]),
    caveats: some([v1.Caveat.WITNESS_PROTECTION, v1.Caveat.MINORS_INVOLVED, v1.Caveat.FINANCIAL_INVESTIGATION]),
    route: { origin: some(COUNTRIES, 2), transit: some(COUNTRIES, 2), destination: [pick(COUNTRIES)] },
    addressees: some(
      agencies.map((a) => a.id),
      3,
    ),
  });
}

// ---- An independent reading of the contract and of docs/policy.md, written for the test.

const name = (e: object, v: number | null | undefined) => Object.entries(e).find(([, x]) => x === v)?.[0] ?? '';

function naiveTlpSet(n: CaseNoticeProps, issuer: Agency, a: Agency): boolean {
  if (a.id === issuer.id) return false;
  if ((n.addressees ?? []).includes(a.id)) return true;
  const shares = a.groups.some((g) => issuer.groups.includes(g));
  const route = [...(n.route?.origin ?? []), ...(n.route?.transit ?? []), ...(n.route?.destination ?? [])];
  if (n.tlp === v1.Tlp.CLEAR) return true;
  if (n.tlp === v1.Tlp.GREEN) return shares;
  if (n.tlp === v1.Tlp.AMBER) return shares && route.includes(a.country);
  return false;
}

function setHolds(set: ValueSet<string> | undefined, values: string[]): boolean {
  if (!set) return true;
  const any = values.some((v) => set.values.includes(v));
  return set.negated ? !any : any;
}

function naiveMatches(rule: PolicyRule, n: CaseNoticeProps, issuer: Agency, a: Agency): boolean {
  const route = n.route ?? {};
  const countries = [...(route.origin ?? []), ...(route.transit ?? []), ...(route.destination ?? [])];
  const caveats = (n.caveats ?? []).map((c) => name(v1.Caveat, c));
  const m = rule.notice;
  if (m) {
    if (
      !setHolds(m.type, [name(v1.NoticeType, n.type)]) ||
      !setHolds(m.tlp, [name(v1.Tlp, n.tlp)]) ||
      !setHolds(m.mode, [name(v1.Mode, n.mode)])
    )
      return false;
    if (m.withCaveats && !m.withCaveats.every((c) => caveats.includes(c))) return false;
    if (m.withoutCaveats && m.withoutCaveats.some((c) => caveats.includes(c))) return false;
    if (!setHolds(m.routeCountries, countries) || !setHolds(m.addressees, n.addressees ?? [])) return false;
    if (
      m.issuer &&
      (!setHolds(m.issuer.id, [issuer.id]) ||
        !setHolds(m.issuer.role, [issuer.role]) ||
        !setHolds(m.issuer.country, [issuer.country]) ||
        !setHolds(m.issuer.groups, issuer.groups))
    )
      return false;
  }
  const r = rule.recipient;
  if (r) {
    if (!setHolds(r.id, [a.id]) || !setHolds(r.role, [a.role]) || !setHolds(r.country, [a.country]) || !setHolds(r.groups, a.groups))
      return false;
    if (r.onRoute !== undefined && countries.includes(a.country) !== r.onRoute) return false;
    if (r.routeLeg && !r.routeLeg.some((leg) => (route[leg] ?? []).includes(a.country))) return false;
    if (r.addressee !== undefined && (n.addressees ?? []).includes(a.id) !== r.addressee) return false;
    if (r.sharesGroupWithIssuer !== undefined && a.groups.some((g) => issuer.groups.includes(g)) !== r.sharesGroupWithIssuer) return false;
  }
  return true;
}

/** The contract's engine invariants: what no rule can give, whatever it grants. */
function naiveInvariantsAllow(n: CaseNoticeProps, a: Agency, c: Category): boolean {
  if (a.role === 'research') return c === 'core';
  const route = [...(n.route?.origin ?? []), ...(n.route?.transit ?? []), ...(n.route?.destination ?? [])];
  if (c === 'minor.identity') return route.includes(a.country);
  const protectedWitness = (n.caveats ?? []).includes(v1.Caveat.WITNESS_PROTECTION);
  if (c === 'witness.identity' && protectedWitness) return a.role === 'prosecutor' && (n.addressees ?? []).includes(a.id);
  return true;
}

function naiveDecision(policy: Policy, n: CaseNoticeProps, issuer: Agency, a: Agency): Category[] | 'not delivered' {
  if (!naiveTlpSet(n, issuer, a)) return 'not delivered';
  const rules = policy.rules.filter((r) => naiveMatches(r, n, issuer, a));
  if (rules.some((r) => r.exclude)) return 'not delivered';
  const denied = rules.flatMap((r) => r.deny);
  const ruled = [
    'core',
    ...CATEGORIES.filter((c) => c !== 'core' && rules.some((r) => r.grant.includes(c)) && !denied.includes(c)),
  ] as Category[];
  return ruled.filter((c) => naiveInvariantsAllow(n, a, c)).sort();
}

// ---- Random policies, to show the engine's guarantees hold whatever the rules say.

function randomSet<T extends string>(values: readonly T[]): ValueSet<T> | undefined {
  return randomInt(3) === 0
    ? { values: some(values, 3).length ? some(values, 3) : [pick(values)], negated: randomInt(2) === 0 }
    : undefined;
}

function randomPolicy(): Policy {
  const rules: PolicyRule[] = Array.from({ length: 1 + randomInt(8) }, (_, i) => {
    const rule: PolicyRule = {
      id: `r${i}`,
      grant: some(CATEGORIES.slice(1), 4),
      deny: randomInt(4) === 0 ? [pick(CATEGORIES.slice(1))] : [],
      exclude: randomInt(8) === 0,
    };
    const tlp = randomSet(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED']);
    if (tlp) rule.notice = { tlp };
    const role = randomSet(ROLES);
    if (role || randomInt(2) === 0)
      rule.recipient = {
        ...(role ? { role } : {}),
        ...(randomInt(3) === 0 ? { onRoute: randomInt(2) === 0 } : {}),
        ...(randomInt(4) === 0 ? { addressee: true } : {}),
      };
    return rule;
  });
  return { name: 'random', rules };
}

const defaultText = readFileSync(join(packageRoot(), 'policies', 'default.yaml'), 'utf8');
const defaultPolicy = parsePolicy(defaultText);
const compiledDefault = compilePolicy(defaultPolicy, defaultText, 1);

describe(`properties over ${NOTICES} generated notices and agency sets`, () => {
  test('recipient sets are nested: RED within AMBER_STRICT within AMBER within GREEN within CLEAR', () => {
    for (let i = 0; i < NOTICES; i++) {
      const agencies = randomAgencies();
      const notice = randomNotice(agencies);
      const issuer = agencies[0] as Agency;
      const delivered = TLPS.map(
        (tlp) =>
          new Set(
            decideRouting({ ...notice, tlp }, issuer, agencies, compiledDefault)
              .agencies.filter((d) => d.delivered)
              .map((d) => d.agency),
          ),
      );
      for (let k = 1; k < delivered.length; k++) {
        for (const id of delivered[k] ?? []) expect(delivered[k - 1]?.has(id), `TLP ${TLPS[k]} ⊄ ${TLPS[k - 1]}`).toBe(true);
      }
    }
  });

  test('the engine agrees with a naive rule-by-rule evaluator, for the default policy and random ones', () => {
    for (let i = 0; i < NOTICES; i++) {
      const policy = i % 2 === 0 ? defaultPolicy : randomPolicy();
      const compiled = i % 2 === 0 ? compiledDefault : compilePolicy(policy, '', 1);
      const agencies = randomAgencies();
      const notice = randomNotice(agencies);
      const issuer = agencies[0] as Agency;
      for (const d of decideRouting(notice, issuer, agencies, compiled).agencies) {
        const agency = agencies.find((a) => a.id === d.agency) as Agency;
        expect(d.delivered ? d.categories : 'not delivered').toEqual(naiveDecision(policy, notice, issuer, agency));
      }
    }
  });

  test('no rule widens a TLP set, whatever the policy', () => {
    for (let i = 0; i < NOTICES; i++) {
      const agencies = randomAgencies();
      const notice = randomNotice(agencies);
      const issuer = agencies[0] as Agency;
      const generous: Policy = {
        name: 'generous',
        rules: [{ id: 'everything-to-everyone', grant: CATEGORIES.slice(1), deny: [], exclude: false }, ...randomPolicy().rules],
      };
      for (const d of decideRouting(notice, issuer, agencies, compilePolicy(generous, '', 1)).agencies) {
        if (d.delivered) expect(naiveTlpSet(notice, issuer, agencies.find((a) => a.id === d.agency) as Agency)).toBe(true);
      }
    }
  });

  test('research never receives an identity category or person.profile under the default policy', () => {
    const forbidden: Category[] = ['person.profile', 'smuggler.identity', 'migrant.identity', 'witness.identity', 'minor.identity'];
    for (let i = 0; i < NOTICES; i++) {
      const agencies = randomAgencies().map((a, k) => (k > 0 && k % 3 === 0 ? { ...a, role: 'research' as const } : a));
      const notice = randomNotice(agencies);
      for (const d of decideRouting(notice, agencies[0] as Agency, agencies, compiledDefault).agencies) {
        if (agencies.find((a) => a.id === d.agency)?.role === 'research')
          expect(d.categories.filter((c) => forbidden.includes(c))).toEqual([]);
      }
    }
  });
});
