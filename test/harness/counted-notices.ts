import type { CountedNotice } from '../../libs/statistics/index.js';

let made = 0;

/** A counted notice as the statistics tables take it: one migrant-free ALERT by sea from LY to IT, unless told otherwise. */
export function countedNotice(overrides: Partial<CountedNotice> = {}): CountedNotice {
  made += 1;
  return {
    noticeId: `notice-${made}`,
    issuer: 'it-police',
    type: 'ALERT',
    mode: 'SEA',
    route: { origin: ['LY'], transit: [], destination: ['IT'] },
    migrantCount: 0,
    deathsReported: 0,
    persons: [],
    ...overrides,
  };
}
