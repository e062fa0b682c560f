import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CATEGORIES, type Category } from '../../libs/notice/index.js';
import {
  compilePolicy,
  compilePolicyText,
  parsePolicy,
  PolicyInvalidError,
  type CompiledPolicy,
  type Policy,
  type PolicyRule,
  type RecipientMatch,
  type ValueSet,
} from '../../libs/policy/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { ROLES, type Agency, type Role } from '../../libs/registry/index.js';
import { decideRouting, type AgencyDecision } from '../../libs/routing/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const NOTICES = 1000;
const COUNTRIES = ['IT', 'LY', 'NE', 'MT', 'TN', 'GR', 'FR', 'DE'];
const TLPS = [v1.Tlp.CLEAR, v1.Tlp.GREEN, v1.Tlp.AMBER, v1.Tlp.AMBER_STRICT, v1.Tlp.RED];
const CAVEATS = [v1.Caveat.WITNESS_PROTECTION, v1.Caveat.MINORS_INVOLVED, v1.Caveat.FINANCIAL_INVESTIGATION];
const BEYOND_CORE = CATEGORIES.filter((c) => c !== 'core');
const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)] as T;
const some = <T>(items: readonly T[]): T[] => items.filter(() => randomInt(2) === 0);

/** A notice on a random route, and agencies of every role both on and off that route. */
function randomCase(): { notice: CaseNoticeProps; issuer: Agency; agencies: Agency[] } {
  const [origin, transit, destination, ...off] = [...COUNTRIES].sort(() => randomInt(3) - 1);
  const on = [origin, transit, destination].filter((c): c is string => c !== undefined);
  const agency = (id: string, country: string, role: Role): Agency => ({ id, country, role, groups: ['med'], kids: [], registeredAt: '' });
  const issuer = agency('issuer', pick(on), 'police');
  const agencies = [issuer, ...ROLES.flatMap((role, i) => [agency(`on-${i}`, pick(on), role), agency(`off-${i}`, pick(off), role)])];
  const notice = sampleNotice(issuer.id, {
    tlp: pick(TLPS),
    caveats: some(CAVEATS),
    route: { origin: origin ? [origin] : [], transit: transit ? [transit] : [], destination: destination ? [destination] : [] },
    addressees: some(agencies.slice(1).map((a) => a.id)),
  });
  return { notice, issuer, agencies };
}

// ---- The invariants, read from the contract independently of the engine.

function breaches(n: CaseNoticeProps, a: Agency, categories: readonly Category[]): string[] {
  const route = [...(n.route?.origin ?? []), ...(n.route?.transit ?? []), ...(n.route?.destination ?? [])];
  const out: string[] = [];
  const addressedProsecutor = a.role === 'prosecutor' && (n.addressees ?? []).includes(a.id);
  if ((n.caveats ?? []).includes(v1.Caveat.WITNESS_PROTECTION) && categories.includes('witness.identity') && !addressedProsecutor)
    out.push('witness-protection');
  if (a.role === 'research' && categories.some((c) => c !== 'core')) out.push('research-core-only');
  if (categories.includes('minor.identity') && (a.role === 'research' || !route.includes(a.country))) out.push('minors-on-route');
  return out;
}

function everyDecision(
  policy: CompiledPolicy,
  check: (d: AgencyDecision, agency: Agency, notice: CaseNoticeProps) => void,
  notices = NOTICES,
): void {
  for (let i = 0; i < notices; i++) {
    const { notice, issuer, agencies } = randomCase();
    for (const d of decideRouting(notice, issuer, agencies, policy).agencies)
      check(d, agencies.find((a) => a.id === d.agency) as Agency, notice);
  }
}

// The issue's example (class 10): no `when`, every category, so every member of every TLP set.
// Built without the parser, which refuses it: the engine must hold on its own.
const issueExample = compilePolicy(
  { name: 'issue-example', rules: [{ id: 'everything-to-everyone', grant: BEYOND_CORE, deny: [], exclude: false }] },
  '',
  1,
);

describe(`under rules granting everything to everyone, over ${NOTICES} notices x agencies of every role on and off the route`, () => {
  test('witness.identity under WITNESS_PROTECTION reaches addressed prosecutors only', () => {
    everyDecision(issueExample, (d, a, n) => expect(breaches(n, a, d.categories).filter((b) => b === 'witness-protection')).toEqual([]));
  });

  test('research never gets more than core', () => {
    everyDecision(issueExample, (d, a, n) => expect(breaches(n, a, d.categories).filter((b) => b === 'research-core-only')).toEqual([]));
  });

  test('minor.identity never reaches research nor a recipient off the route', () => {
    everyDecision(issueExample, (d, a, n) => expect(breaches(n, a, d.categories).filter((b) => b === 'minors-on-route')).toEqual([]));
  });

  test('what the rules granted is either delivered or recorded as withheld by an invariant', () => {
    everyDecision(issueExample, (d) => {
      if (!d.delivered) return;
      expect([...new Set([...d.categories, ...d.invariants.flatMap((i) => i.removed)])].sort()).toEqual([...CATEGORIES].sort());
    });
  });
});

describe('a policy that passes the check never needs an invariant at routing', () => {
  const defaultFile = join(packageRoot(), 'policies', 'default.yaml');

  test('under the default policy no invariant ever removes anything', () => {
    everyDecision(compilePolicyText(readFileSync(defaultFile, 'utf8'), defaultFile, 1), (d) => expect(d.invariants).toEqual([]));
  });

  // Random policies, written as YAML and read by the parser: whatever it accepts must keep
  // to the invariants by its rules alone (the check is sound).
  const list = (values: readonly string[]): string => `[${values.join(', ')}]`;
  const set = (s: ValueSet<string>): string => (s.negated ? `{ not: ${list(s.values)} }` : list(s.values));
  const roleSet = (): ValueSet<Role> => ({
    values: [...new Set([pick(ROLES), pick(['research', 'prosecutor', 'protection'] as const)])],
    negated: randomInt(2) === 0,
  });

  function randomRule(id: string): PolicyRule {
    const rule: PolicyRule = {
      id,
      grant: some(BEYOND_CORE),
      deny: randomInt(3) === 0 ? some(BEYOND_CORE) : [],
      exclude: randomInt(10) === 0,
    };
    if (rule.grant.length + rule.deny.length === 0) rule.grant = [pick(['witness.identity', 'minor.identity'] as const)];
    const caveat = randomInt(4);
    if (caveat === 1) rule.notice = { withCaveats: ['WITNESS_PROTECTION'] };
    if (caveat === 2) rule.notice = { withoutCaveats: ['WITNESS_PROTECTION'] };
    const r: RecipientMatch = {};
    if (randomInt(3) > 0) r.role = randomInt(3) === 0 ? { values: ['prosecutor'], negated: false } : roleSet();
    if (randomInt(3) === 0) r.onRoute = randomInt(2) === 0;
    if (randomInt(5) === 0) r.routeLeg = ['destination'];
    if (randomInt(3) === 0) r.addressee = randomInt(3) > 0;
    if (Object.keys(r).length > 0) rule.recipient = r;
    return rule;
  }

  function toYaml(policy: Policy): string {
    const rules = policy.rules.map((rule) => {
      const notice = rule.notice?.withCaveats
        ? `withCaveats: ${list(rule.notice.withCaveats)}`
        : rule.notice?.withoutCaveats
          ? `withoutCaveats: ${list(rule.notice.withoutCaveats)}`
          : '';
      const r = rule.recipient;
      const recipient = [
        r?.role && `role: ${set(r.role)}`,
        r?.onRoute !== undefined && `onRoute: ${r.onRoute}`,
        r?.routeLeg && `routeLeg: ${list(r.routeLeg)}`,
        r?.addressee !== undefined && `addressee: ${r.addressee}`,
      ]
        .filter(Boolean)
        .join(', ');
      const when = [notice && `notice: { ${notice} }`, recipient && `recipient: { ${recipient} }`].filter(Boolean).join(', ');
      const lines = [
        `  - id: ${rule.id}`,
        when && `    when: { ${when} }`,
        rule.grant.length > 0 && `    grant: ${list(rule.grant)}`,
        rule.deny.length > 0 && `    deny: ${list(rule.deny)}`,
        rule.exclude && '    exclude: true',
      ];
      return lines.filter(Boolean).join('\n');
    });
    return `schema: 1\npolicy: ${policy.name}\nrules:\n${rules.join('\n')}\n`;
  }

  const COVERS: PolicyRule[] = [
    {
      id: 'research-core-only',
      recipient: { role: { values: ['research'], negated: false } },
      grant: [],
      deny: BEYOND_CORE,
      exclude: false,
    },
    {
      id: 'no-protected-witnesses',
      notice: { withCaveats: ['WITNESS_PROTECTION'] },
      grant: [],
      deny: ['witness.identity'],
      exclude: false,
    },
    { id: 'no-minors-off-route', recipient: { onRoute: false }, grant: [], deny: ['minor.identity'], exclude: false },
  ];

  test('a random policy the parser accepts is never clamped by an invariant', () => {
    let accepted = 0;
    let grantingForbidden = 0;
    for (let i = 0; i < 400; i++) {
      const policy: Policy = {
        name: `random-${i}`,
        rules: [...some(COVERS), ...Array.from({ length: 1 + randomInt(4) }, (_, k) => randomRule(`r${k}`))],
      };
      const text = toYaml(policy);
      try {
        parsePolicy(text);
      } catch (error) {
        if (error instanceof PolicyInvalidError && error.problems.every((p) => p.breaks)) continue;
        throw error;
      }
      accepted++;
      if (policy.rules.some((r) => !r.exclude && r.grant.some((c) => c === 'witness.identity' || c === 'minor.identity')))
        grantingForbidden++;
      everyDecision(compilePolicy(policy, text, 1), (d) => expect(d.invariants, text).toEqual([]), 20);
    }
    // Not vacuous: many policies pass, some of them granting what an invariant guards.
    expect(accepted).toBeGreaterThan(40);
    expect(grantingForbidden).toBeGreaterThan(10);
  });
});
