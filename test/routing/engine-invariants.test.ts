import { describe, expect, test } from 'vitest';
import { CATEGORIES, type Category } from '../../libs/notice/index.js';
import { compilePolicy, type Policy, type PolicyRule } from '../../libs/policy/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import type { Agency, Role } from '../../libs/registry/index.js';
import { decideRouting, type AgencyDecision } from '../../libs/routing/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const agency = (id: string, country: string, role: Role): Agency => ({ id, country, role, groups: ['med'], kids: [], registeredAt: '' });
const issuer = agency('it-police', 'IT', 'police');
// The sample notice's route: NE (origin) > LY (transit) > IT (destination).
const ON_ROUTE = {
  prosecutor: agency('it-prosecutor', 'IT', 'prosecutor'),
  police: agency('ly-police', 'LY', 'police'),
  research: agency('it-research', 'IT', 'research'),
};
const OFF_ROUTE = { protection: agency('de-protection', 'DE', 'protection') };
const agencies = [issuer, ...Object.values(ON_ROUTE), ...Object.values(OFF_ROUTE)];

const BEYOND_CORE = CATEGORIES.filter((c) => c !== 'core');
// Built without the parser, which would refuse it: the engine must hold on its own.
const everythingToEveryone: PolicyRule = { id: 'everything-to-everyone', grant: BEYOND_CORE, deny: [], exclude: false };
const policyOf = (...rules: PolicyRule[]): Policy => ({ name: 'unchecked', rules });

function decisionFor(
  recipient: Agency,
  overrides: Partial<CaseNoticeProps>,
  policy = policyOf(everythingToEveryone),
): AgencyDecision | undefined {
  const notice = sampleNotice(issuer.id, { tlp: v1.Tlp.GREEN, ...overrides });
  return decideRouting(notice, issuer, agencies, compilePolicy(policy, '', 1)).agencies.find((d) => d.agency === recipient.id);
}

const WP = { caveats: [v1.Caveat.WITNESS_PROTECTION] };
const without = (...removed: Category[]): Category[] => CATEGORIES.filter((c) => !removed.includes(c)).sort();

describe('the engine invariants, whatever the rules grant', () => {
  test('under WITNESS_PROTECTION an addressed police force is withheld witness.identity, by witness-protection', () => {
    const d = decisionFor(ON_ROUTE.police, { ...WP, addressees: [ON_ROUTE.police.id] });
    expect({ categories: d?.categories, invariants: d?.invariants }).toEqual({
      categories: without('witness.identity'),
      invariants: [{ invariant: 'witness-protection', removed: ['witness.identity'] }],
    });
  });

  test('under WITNESS_PROTECTION a prosecutor the notice does not address is withheld witness.identity', () => {
    expect(decisionFor(ON_ROUTE.prosecutor, WP)?.invariants).toEqual([{ invariant: 'witness-protection', removed: ['witness.identity'] }]);
  });

  test('under WITNESS_PROTECTION an addressed prosecutor keeps witness.identity', () => {
    const d = decisionFor(ON_ROUTE.prosecutor, { ...WP, addressees: [ON_ROUTE.prosecutor.id] });
    expect({ categories: d?.categories, invariants: d?.invariants }).toEqual({ categories: without(), invariants: [] });
  });

  test('without WITNESS_PROTECTION witness.identity is left to the rules', () => {
    expect(decisionFor(ON_ROUTE.police, {})?.categories).toContain('witness.identity');
  });

  test('research granted every category gets core only, the rest recorded under research-core-only', () => {
    const d = decisionFor(ON_ROUTE.research, { tlp: v1.Tlp.CLEAR });
    expect({ categories: d?.categories, invariants: d?.invariants }).toEqual({
      categories: ['core'],
      invariants: [
        { invariant: 'minors-on-route', removed: ['minor.identity'] },
        { invariant: 'research-core-only', removed: [...BEYOND_CORE].sort() },
      ],
    });
  });

  test('a recipient off the route is withheld minor.identity, by minors-on-route', () => {
    const d = decisionFor(OFF_ROUTE.protection, {});
    expect({ categories: d?.categories, invariants: d?.invariants }).toEqual({
      categories: without('minor.identity'),
      invariants: [{ invariant: 'minors-on-route', removed: ['minor.identity'] }],
    });
  });

  test('a recipient on the route other than research keeps minor.identity', () => {
    expect(decisionFor(ON_ROUTE.police, {})?.categories).toContain('minor.identity');
  });

  test('a category a rule denies is recorded as denied, not as withheld by an invariant', () => {
    const noMinors: PolicyRule = { id: 'no-minors', grant: [], deny: ['minor.identity'], exclude: false };
    const d = decisionFor(OFF_ROUTE.protection, {}, policyOf(everythingToEveryone, noMinors));
    expect({ denied: d?.denied, invariants: d?.invariants }).toEqual({ denied: ['minor.identity'], invariants: [] });
  });

  test('an agency that is not delivered records no invariant', () => {
    const researchOut: PolicyRule = {
      id: 'research-out',
      recipient: { role: { values: ['research'], negated: false } },
      grant: [],
      deny: [],
      exclude: true,
    };
    const d = decisionFor(ON_ROUTE.research, {}, policyOf(everythingToEveryone, researchOut));
    expect({ delivered: d?.delivered, invariants: d?.invariants }).toEqual({ delivered: false, invariants: [] });
  });
});
