import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Category } from '../../libs/notice/index.js';
import { compilePolicyText } from '../../libs/policy/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import type { Agency, Role } from '../../libs/registry/index.js';
import { decideRouting } from '../../libs/routing/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const file = join(packageRoot(), 'policies', 'default.yaml');
const policy = compilePolicyText(readFileSync(file, 'utf8'), file, 1);

const agency = (id: string, country: string, role: Role, groups = ['med']): Agency => ({
  id,
  country,
  role,
  groups,
  kids: [],
  registeredAt: '',
});
const issuer = agency('it-police', 'IT', 'police');
// Route NE (origin) > LY (transit) > IT (destination); everyone but us-police shares "med".
const agencies = [
  issuer,
  agency('it-prosecutor', 'IT', 'prosecutor'),
  agency('fr-prosecutor', 'FR', 'prosecutor'),
  agency('ly-coastguard', 'LY', 'coastguard'),
  agency('mt-coastguard', 'MT', 'coastguard'),
  agency('ne-police', 'NE', 'police'),
  agency('de-police', 'DE', 'police'),
  agency('ne-border', 'NE', 'border-guard'),
  agency('mt-fiu', 'MT', 'fiu'),
  agency('it-immigration', 'IT', 'immigration'),
  agency('ly-immigration', 'LY', 'immigration'),
  agency('it-protection', 'IT', 'protection'),
  agency('ne-protection', 'NE', 'protection'),
  agency('fr-liaison', 'FR', 'liaison-office'),
  agency('it-liaison', 'IT', 'liaison-office'),
  agency('eu-research', 'BE', 'research'),
  agency('us-police', 'US', 'police', ['other']),
];

const { GREEN, AMBER, AMBER_STRICT, RED, CLEAR } = v1.Tlp;
const { WITNESS_PROTECTION, FINANCIAL_INVESTIGATION } = v1.Caveat;
type Row = [what: string, notice: Partial<CaseNoticeProps>, recipient: string, expected: Category[] | 'not delivered'];
const base = { tlp: GREEN, mode: v1.Mode.SEA, caveats: [], addressees: [] };
const P: Category[] = ['core', 'person.profile'];

const rows: Row[] = [
  [
    'GREEN: prosecutor on route: smugglers, witnesses, money, summary',
    base,
    'it-prosecutor',
    [...P, 'financial', 'smuggler.identity', 'summary', 'witness.identity'],
  ],
  ['GREEN: prosecutor off route: money and summary, no identities', base, 'fr-prosecutor', [...P, 'financial', 'summary']],
  [
    'GREEN: coastguard on route at sea: position, vessel, smugglers',
    base,
    'ly-coastguard',
    [...P, 'conveyance', 'location.precise', 'smuggler.identity', 'summary'],
  ],
  ['GREEN: coastguard off route: profile and summary only', base, 'mt-coastguard', [...P, 'summary']],
  ['GREEN: police on route at sea: no precise position', base, 'ne-police', [...P, 'conveyance', 'smuggler.identity', 'summary']],
  ['GREEN: police off route', base, 'de-police', [...P, 'summary']],
  ['GREEN: border guard on route at sea', base, 'ne-border', [...P, 'conveyance', 'smuggler.identity', 'summary']],
  ['GREEN: FIU: money, no summary', base, 'mt-fiu', [...P, 'financial']],
  ['GREEN: immigration at destination: migrants and minors', base, 'it-immigration', [...P, 'migrant.identity', 'minor.identity']],
  ['GREEN: immigration in transit: migrants, not minors', base, 'ly-immigration', [...P, 'migrant.identity']],
  ['GREEN: protection at destination: migrants and minors', base, 'it-protection', [...P, 'migrant.identity', 'minor.identity']],
  ['GREEN: protection at origin: migrants, not minors', base, 'ne-protection', [...P, 'migrant.identity']],
  ['GREEN: liaison office off route: no identities', base, 'fr-liaison', [...P, 'summary']],
  ['GREEN: liaison office on route: smugglers and vessels', base, 'it-liaison', [...P, 'conveyance', 'smuggler.identity', 'summary']],
  ['GREEN: research: core only', base, 'eu-research', ['core']],
  ['GREEN: an agency sharing no group is outside the set', base, 'us-police', 'not delivered'],
  [
    'LAND: police on route get the precise position',
    { ...base, mode: v1.Mode.LAND },
    'ne-police',
    [...P, 'conveyance', 'location.precise', 'smuggler.identity', 'summary'],
  ],
  [
    'LAND: border guard on route gets the precise position',
    { ...base, mode: v1.Mode.LAND },
    'ne-border',
    [...P, 'conveyance', 'location.precise', 'smuggler.identity', 'summary'],
  ],
  [
    'LAND: coastguard on route does not',
    { ...base, mode: v1.Mode.LAND },
    'ly-coastguard',
    [...P, 'conveyance', 'smuggler.identity', 'summary'],
  ],
  [
    'AIR: nobody gets the precise position',
    { ...base, mode: v1.Mode.AIR },
    'ne-police',
    [...P, 'conveyance', 'smuggler.identity', 'summary'],
  ],
  [
    'FINANCIAL_INVESTIGATION: police on route get money',
    { ...base, caveats: [FINANCIAL_INVESTIGATION] },
    'ne-police',
    [...P, 'conveyance', 'financial', 'smuggler.identity', 'summary'],
  ],
  [
    'FINANCIAL_INVESTIGATION: police off route get money too',
    { ...base, caveats: [FINANCIAL_INVESTIGATION] },
    'de-police',
    [...P, 'financial', 'summary'],
  ],
  [
    'FINANCIAL_INVESTIGATION: coastguards still do not',
    { ...base, caveats: [FINANCIAL_INVESTIGATION] },
    'ly-coastguard',
    [...P, 'conveyance', 'location.precise', 'smuggler.identity', 'summary'],
  ],
  [
    'WITNESS_PROTECTION: prosecutor on route, not addressed: no witness identity',
    { ...base, caveats: [WITNESS_PROTECTION] },
    'it-prosecutor',
    [...P, 'financial', 'smuggler.identity', 'summary'],
  ],
  [
    'WITNESS_PROTECTION: addressed prosecutor on route: witness identity',
    { ...base, caveats: [WITNESS_PROTECTION], addressees: ['it-prosecutor'] },
    'it-prosecutor',
    [...P, 'financial', 'smuggler.identity', 'summary', 'witness.identity'],
  ],
  [
    'WITNESS_PROTECTION: addressed prosecutor off route: witness identity',
    { ...base, caveats: [WITNESS_PROTECTION], addressees: ['fr-prosecutor'] },
    'fr-prosecutor',
    [...P, 'financial', 'summary', 'witness.identity'],
  ],
  [
    'WITNESS_PROTECTION: addressed police: never witness identity',
    { ...base, caveats: [WITNESS_PROTECTION], addressees: ['ne-police'] },
    'ne-police',
    [...P, 'conveyance', 'smuggler.identity', 'summary'],
  ],
  [
    'no WITNESS_PROTECTION: addressed prosecutor off route: no witness identity',
    { ...base, addressees: ['fr-prosecutor'] },
    'fr-prosecutor',
    [...P, 'financial', 'summary'],
  ],
  [
    'MINORS_INVOLVED changes nothing by itself',
    { ...base, caveats: [v1.Caveat.MINORS_INVOLVED] },
    'it-protection',
    [...P, 'migrant.identity', 'minor.identity'],
  ],
  [
    'AMBER: prosecutor on route is in the set',
    { ...base, tlp: AMBER },
    'it-prosecutor',
    [...P, 'financial', 'smuggler.identity', 'summary', 'witness.identity'],
  ],
  ['AMBER: prosecutor off route is outside', { ...base, tlp: AMBER }, 'fr-prosecutor', 'not delivered'],
  ['AMBER: FIU off route is outside', { ...base, tlp: AMBER }, 'mt-fiu', 'not delivered'],
  ['AMBER: addressed FIU off route is in the set', { ...base, tlp: AMBER, addressees: ['mt-fiu'] }, 'mt-fiu', [...P, 'financial']],
  [
    'AMBER: research is excluded by policy even when addressed',
    { ...base, tlp: AMBER, addressees: ['eu-research'] },
    'eu-research',
    'not delivered',
  ],
  [
    'AMBER: an addressee sharing no group is in the set',
    { ...base, tlp: AMBER, addressees: ['us-police'] },
    'us-police',
    [...P, 'summary'],
  ],
  ['AMBER_STRICT: only addressees', { ...base, tlp: AMBER_STRICT, addressees: ['ly-coastguard'] }, 'ne-police', 'not delivered'],
  [
    'AMBER_STRICT: the addressee is delivered',
    { ...base, tlp: AMBER_STRICT, addressees: ['ly-coastguard'] },
    'ly-coastguard',
    [...P, 'conveyance', 'location.precise', 'smuggler.identity', 'summary'],
  ],
  ['RED: only addressees', { ...base, tlp: RED, addressees: ['fr-prosecutor'] }, 'it-prosecutor', 'not delivered'],
  [
    'RED: the addressee is delivered',
    { ...base, tlp: RED, addressees: ['fr-prosecutor'] },
    'fr-prosecutor',
    [...P, 'financial', 'summary'],
  ],
  ['RED: research is excluded even when addressed', { ...base, tlp: RED, addressees: ['eu-research'] }, 'eu-research', 'not delivered'],
  ['CLEAR: an agency sharing no group is delivered', { ...base, tlp: CLEAR }, 'us-police', [...P, 'summary']],
  ['CLEAR: research gets core only', { ...base, tlp: CLEAR }, 'eu-research', ['core']],
  ['CLEAR: the issuer never receives its own notice', { ...base, tlp: CLEAR, addressees: ['it-police'] }, 'it-police', 'not delivered'],
  [
    'route change: immigration now at destination gets minors',
    { ...base, route: { origin: ['NE'], destination: ['LY'] } },
    'ly-immigration',
    [...P, 'migrant.identity', 'minor.identity'],
  ],
  [
    'route change: protection no longer on route gets no migrant identity',
    { ...base, route: { origin: ['LY'], destination: ['MT'] } },
    'it-protection',
    [...P],
  ],
];

describe('the default policy, row by row', () => {
  test(`the table has at least 40 rows (${rows.length})`, () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  test.each(rows)('%s', (_what, overrides, recipient, expected) => {
    const decision = decideRouting(sampleNotice('it-police', overrides), issuer, agencies, policy).agencies.find(
      (d) => d.agency === recipient,
    );
    if (expected === 'not delivered') expect(decision?.delivered).toBe(false);
    else
      expect({ delivered: decision?.delivered, categories: decision?.categories }).toEqual({
        delivered: true,
        categories: [...expected].sort(),
      });
  });

  test('the rows exercise every rule of the default policy and every TLP level', () => {
    const matched = new Set<string>();
    const tlps = new Set<number>();
    for (const [, overrides, recipient] of rows) {
      const notice = sampleNotice('it-police', overrides);
      tlps.add(notice.tlp ?? 0);
      for (const id of decideRouting(notice, issuer, agencies, policy).agencies.find((d) => d.agency === recipient)?.ruleIds ?? [])
        matched.add(id);
    }
    expect([...matched].sort()).toEqual(policy.rules.map((r) => r.id).sort());
    expect([...tlps].sort((a, b) => a - b)).toEqual([CLEAR, GREEN, AMBER, AMBER_STRICT, RED].sort((a, b) => a - b));
  });

  test('every decision names the policy version', () => {
    expect(decideRouting(sampleNotice('it-police', base), issuer, agencies, policy).policyVersion).toBe('default@1');
  });
});
