import { describe, expect, test } from 'vitest';
import { v1 } from '../../libs/proto/index.js';
import type { Agency, Role } from '../../libs/registry/index.js';
import { decideRouting } from '../../libs/routing/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const agency = (id: string, role: Role): Agency => ({ id, country: 'IT', role, groups: ['med'], kids: [], registeredAt: '' });
const issuer = agency('it-police', 'police');
const everyRole: Agency[] = [
  issuer,
  agency('it-border', 'border-guard'),
  agency('it-prosecutor', 'prosecutor'),
  agency('it-fiu', 'fiu'),
  agency('it-immigration', 'immigration'),
  agency('it-liaison', 'liaison-office'),
  agency('it-protection', 'protection'),
  agency('it-research', 'research'),
];

function decisionFor(id: string, overrides: Parameters<typeof sampleNotice>[1] = {}) {
  const decision = decideRouting(sampleNotice('it-police', { tlp: v1.Tlp.GREEN, ...overrides }), issuer, everyRole);
  return decision.agencies.find((a) => a.agency === id);
}

describe('the built-in grant table', () => {
  test('every delivered recipient gets core', () => {
    const delivered = decideRouting(sampleNotice('it-police', { tlp: v1.Tlp.GREEN }), issuer, everyRole).agencies.filter((a) => a.delivered);
    expect(delivered.length).toBeGreaterThan(0);
    for (const a of delivered) expect(a.categories).toContain('core');
  });

  test('no recipient is granted the summary yet (free text is not scrubbed yet)', () => {
    const decision = decideRouting(sampleNotice('it-police', { tlp: v1.Tlp.GREEN }), issuer, everyRole);
    for (const a of decision.agencies) expect(a.categories).not.toContain('summary');
  });

  test('migrant identity goes only to immigration and protection bodies', () => {
    const holders = everyRole.map((a) => decisionFor(a.id)).filter((d) => d?.categories.includes('migrant.identity'));
    expect(holders.map((d) => d?.agency).sort()).toEqual(['it-immigration', 'it-protection']);
  });

  test('research gets core only, and nothing of AMBER or RED notices', () => {
    expect(decisionFor('it-research')?.categories).toEqual(['core']);
    expect(decisionFor('it-research', { tlp: v1.Tlp.AMBER })?.delivered).toBe(false);
  });

  test('under WITNESS_PROTECTION only an addressed prosecutor gets witness identity', () => {
    const caveats = [v1.Caveat.WITNESS_PROTECTION];
    expect(decisionFor('it-prosecutor', { caveats })?.categories).not.toContain('witness.identity');
    expect(decisionFor('it-prosecutor', { caveats, addressees: ['it-prosecutor'] })?.categories).toContain('witness.identity');
  });

  test('police get financial traces only under FINANCIAL_INVESTIGATION', () => {
    const police: Agency[] = [issuer, agency('it-police-2', 'police')];
    const plain = decideRouting(sampleNotice('it-police', { tlp: v1.Tlp.GREEN }), issuer, police).agencies[1];
    const financial = decideRouting(sampleNotice('it-police', { tlp: v1.Tlp.GREEN, caveats: [v1.Caveat.FINANCIAL_INVESTIGATION] }), issuer, police).agencies[1];
    expect(plain?.categories).not.toContain('financial');
    expect(financial?.categories).toContain('financial');
  });

  test('each decision names the rules that decided it', () => {
    expect(decisionFor('it-fiu')?.ruleIds).toEqual(['builtin.person-profile', 'builtin.financial']);
  });
});
