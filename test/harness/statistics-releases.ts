/**
 * Real statistical releases for the Statistics page's tests: built with buildRelease from
 * counted notices, so every table, total and suppression is what the service would sign.
 */
import { buildRelease, type CountedNotice, type CountedPerson, type Release } from '../../libs/statistics/index.js';
import { statisticsModel, type StatisticsModel } from '../../libs/console/index.js';
import { countedNotice } from './counted-notices.js';

function notices(count: number, facts: Partial<CountedNotice>): CountedNotice[] {
  return Array.from({ length: count }, () => countedNotice(facts));
}

const migrant = (nationality: string, age: CountedPerson['age'] = 'adult'): CountedPerson => ({
  role: 'SMUGGLED_MIGRANT',
  nationality,
  age,
});

/**
 * November 2026, version 2: many alerts by sea from Libya to Italy, a few case updates by
 * land from Niger through Libya, intelligence reports, and two requests for information by
 * air: too few, suppressed, with the smallest cell beside them to protect them.
 */
export function novemberRelease(): Release {
  const counted = [
    ...notices(14, { migrantCount: 40, deathsReported: 1, persons: [migrant('ER'), migrant('SD', 'unaccompanied-minor')] }),
    ...notices(8, {
      issuer: 'gr-coastguard',
      migrantCount: 25,
      persons: [migrant('SY'), { role: 'SMUGGLER_SUSPECT', nationality: 'LY', age: 'adult' }],
    }),
    ...notices(7, { type: 'CASE_UPDATE', mode: 'LAND', route: { origin: ['NE'], transit: ['LY'], destination: [] }, migrantCount: 6 }),
    ...notices(6, { type: 'INTELLIGENCE_REPORT', route: { origin: ['LY'], transit: ['TN'], destination: ['IT'] } }),
    ...notices(2, {
      type: 'REQUEST_FOR_INFORMATION',
      mode: 'AIR',
      route: { origin: ['TR'], transit: [], destination: ['IT'] },
      persons: [migrant('unknown', 'age-unknown')],
    }),
  ];
  return buildRelease({
    period: '2026-11',
    start: new Date('2026-11-01T00:00:00Z'),
    end: new Date('2026-12-01T00:00:00Z'),
    version: 2,
    releasedAt: new Date('2026-12-04T06:00:00Z'),
    coverage: [
      { issuer: 'it-police', countedTlp: ['CLEAR', 'GREEN', 'AMBER'] },
      { issuer: 'gr-coastguard', countedTlp: ['CLEAR', 'GREEN'] },
    ],
    notices: counted,
  }).release;
}

/** October 2026, version 1: alerts only. */
export function octoberRelease(): Release {
  return buildRelease({
    period: '2026-10',
    start: new Date('2026-10-01T00:00:00Z'),
    end: new Date('2026-11-01T00:00:00Z'),
    version: 1,
    releasedAt: new Date('2026-11-02T06:00:00Z'),
    coverage: [{ issuer: 'it-police', countedTlp: ['CLEAR', 'GREEN', 'AMBER'] }],
    notices: notices(9, { migrantCount: 12 }),
  }).release;
}

/** The page's model over both releases: the latest period (November) shown. */
export function statisticsPageModel(selector?: string): StatisticsModel {
  return statisticsModel([octoberRelease(), novemberRelease()], selector);
}
