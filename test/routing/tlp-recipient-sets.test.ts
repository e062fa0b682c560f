import { describe, expect, test } from 'vitest';
import { v1 } from '../../libs/proto/index.js';
import type { Agency, Role } from '../../libs/registry/index.js';
import { tlpRecipientSet } from '../../libs/routing/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const agency = (id: string, country: string, groups: string[], role: Role = 'police'): Agency => ({
  id,
  country,
  role,
  groups,
  kids: [],
  registeredAt: '',
});

// Issuer in Italy, in the "med" group; route NE > LY > IT.
const issuer = agency('it-police', 'IT', ['med']);
const agencies = [
  issuer,
  agency('ly-coastguard', 'LY', ['med']), // group, on route
  agency('mt-fiu', 'MT', ['med']), // group, off route
  agency('ne-police', 'NE', []), // on route, no shared group
  agency('us-liaison', 'US', ['other']), // neither
  agency('it-prosecutor', 'IT', ['med'], 'prosecutor'), // group, on route
];

function recipients(tlp: v1.Tlp, addressees: string[] = []): string[] {
  return tlpRecipientSet(sampleNotice('it-police', { tlp, addressees }), issuer, agencies)
    .map((a) => a.id)
    .sort();
}

describe("the contract's TLP recipient sets", () => {
  test('RED reaches only the addressees', () => {
    expect(recipients(v1.Tlp.RED, ['ne-police'])).toEqual(['ne-police']);
  });

  test('AMBER_STRICT reaches only the addressees', () => {
    expect(recipients(v1.Tlp.AMBER_STRICT, ['us-liaison'])).toEqual(['us-liaison']);
  });

  test('AMBER adds agencies sharing a group with the issuer whose country is on the route', () => {
    expect(recipients(v1.Tlp.AMBER, ['us-liaison'])).toEqual(['it-prosecutor', 'ly-coastguard', 'us-liaison']);
  });

  test('GREEN adds every agency sharing a group with the issuer', () => {
    expect(recipients(v1.Tlp.GREEN)).toEqual(['it-prosecutor', 'ly-coastguard', 'mt-fiu']);
  });

  test('CLEAR reaches every agency', () => {
    expect(recipients(v1.Tlp.CLEAR)).toEqual(['it-prosecutor', 'ly-coastguard', 'mt-fiu', 'ne-police', 'us-liaison']);
  });

  test.each([v1.Tlp.RED, v1.Tlp.AMBER_STRICT, v1.Tlp.AMBER, v1.Tlp.GREEN, v1.Tlp.CLEAR])(
    'the issuer never receives its own notice (TLP %i), even when addressed',
    (tlp) => {
      expect(recipients(tlp, ['it-police', 'ne-police'])).not.toContain('it-police');
    },
  );

  test('the sets are nested: RED within AMBER within GREEN within CLEAR', () => {
    const red = recipients(v1.Tlp.RED, ['ne-police']);
    const amber = recipients(v1.Tlp.AMBER, ['ne-police']);
    const green = recipients(v1.Tlp.GREEN, ['ne-police']);
    const clear = recipients(v1.Tlp.CLEAR, ['ne-police']);
    expect(amber).toEqual(expect.arrayContaining(red));
    expect(green).toEqual(expect.arrayContaining(amber));
    expect(clear).toEqual(expect.arrayContaining(green));
  });
});
