import { periodBounds, MONTHLY, type CountedNotice, type CountedPerson, type Coverage } from '../../libs/statistics/index.js';

/** mulberry32: a small seeded generator, so the corpus is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Draw {
  constructor(readonly random: () => number) {}

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let r = this.random() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** A few dominant values, then a long tail (Zipf weights 1/rank^1.3). */
  skewed(values: readonly string[]): string {
    return this.weighted(values.map((v, i) => [v, 1 / (i + 1) ** 1.3] as const));
  }

  distinct(count: number, values: readonly string[]): string[] {
    return [...new Set(Array.from({ length: count }, () => this.skewed(values)))];
  }
}

const words = (text: string): string[] => text.split(' ');

// In order of frequency (Draw.skewed): a few dominant, then a long tail.
const ORIGINS = words('LY TN TR MA EG DZ SN GM NE SD ML GN CI MR LB SY PK BD AF IR IQ ER ET SO NG GH CM CD YE AL GE VN');
const TRANSITS = words('LY NE TR GR RS BA HR SI MK HU AT ML SD TD DZ MA EG JO IR BG');
const DESTINATIONS = words('IT ES GR DE FR MT CY AT BE NL SE GB CH PT PL DK IE NO FI LU');
const NATIONALITIES = words(
  'SY AF unknown ER SD NG BD TN EG PK ML GN CI SO ET IQ IR MA DZ SN GM CM GH YE LY TR AL GE VN NP LK PS LB CD BF TD KM MR UA RU',
);

export const ISSUERS = ['it-police', 'es-guardia-civil', 'gr-coastguard', 'mt-afm', 'fr-police', 'de-bpol'] as const;

/** Notices per month: most months a few hundred, some small (March, June and October). */
const MONTH_SIZES = [240, 220, 38, 210, 260, 32, 230, 280, 200, 44, 215, 190];
export const MONTHS = MONTH_SIZES.map((_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

export const COVERAGE: Coverage[] = ISSUERS.map((issuer) => ({ issuer, countedTlp: ['CLEAR', 'GREEN', 'AMBER'] }));

function persons(d: Draw): CountedPerson[] {
  return Array.from(
    {
      length: d.weighted([
        [0, 2],
        [1, 3],
        [2, 3],
        [3, 2],
        [4, 1],
        [6, 1],
      ] as const),
    },
    () => ({
      role: d.weighted([
        ['SMUGGLED_MIGRANT', 55],
        ['SMUGGLER_SUSPECT', 25],
        ['FACILITATOR', 12],
        ['WITNESS', 8],
      ] as const),
      nationality: d.skewed(NATIONALITIES),
      age: d.weighted([
        ['adult', 60],
        ['minor', 10],
        ['unaccompanied-minor', 8],
        ['age-unknown', 22],
      ] as const),
    }),
  );
}

function route(d: Draw): CountedNotice['route'] {
  return {
    origin: d.distinct(
      d.weighted([
        [1, 8],
        [2, 2],
      ] as const),
      ORIGINS,
    ),
    transit: d.distinct(
      d.weighted([
        [0, 4],
        [1, 4],
        [2, 2],
      ] as const),
      TRANSITS,
    ),
    destination: d.distinct(
      d.weighted([
        [0, 1],
        [1, 8],
        [2, 1],
      ] as const),
      DESTINATIONS,
    ),
  };
}

function makeNotice(d: Draw, id: string): CountedNotice {
  return {
    noticeId: id,
    issuer: d.weighted(ISSUERS.map((issuer, i) => [issuer, 6 - i] as const)),
    type: d.weighted([
      ['ALERT', 50],
      ['REQUEST_FOR_INFORMATION', 20],
      ['INTELLIGENCE_REPORT', 22],
      ['CASE_UPDATE', 8],
    ] as const),
    mode: d.weighted([
      ['SEA', 60],
      ['LAND', 32],
      ['AIR', 8],
    ] as const),
    route: route(d),
    migrantCount: d.chance(0.2) ? 0 : Math.floor(Math.exp(d.random() * 6)),
    deathsReported: d.chance(0.9) ? 0 : d.int(1, 30),
    persons: persons(d),
  };
}

/** A notice changed between two versions: withdrawn (no `after`) or updated. */
export interface NoticeChange {
  before: CountedNotice;
  after?: CountedNotice;
}

/** One month's notices as each version of its release counts them. */
export interface MonthVersions {
  period: string;
  start: Date;
  end: Date;
  versions: CountedNotice[][];
  /** changes[i]: the notices changed between versions[i] and versions[i + 1]. */
  changes: NoticeChange[][];
  withdrawn: number;
  updated: number;
}

/**
 * Twelve months of notices (2,159) from six issuers, skewed as the real thing is; five
 * months get a second version after withdrawals and updates, and March (a small month) a third.
 */
/** As the service revises a period: after at least k + 1 changed notices (k = 5; release-schedule.ts). */
export function makeCorpus(seed = 20250101, leastChanged = 6): MonthVersions[] {
  const d = new Draw(seeded(seed));
  return MONTHS.map((period, m) => {
    const v1 = Array.from({ length: MONTH_SIZES[m]! }, (_, i) => makeNotice(d, `${period}-${i}`));
    const { start, end } = periodBounds(MONTHLY, period);
    const month: MonthVersions = { period, start, end, versions: [v1], changes: [], withdrawn: 0, updated: 0 };
    const revisions = [1, 2, 5, 7, 9].includes(m) ? (m === 2 ? 2 : 1) : 0;
    for (let r = 0; r < revisions; r += 1) month.versions.push(revise(d, month, month.versions[month.versions.length - 1]!, leastChanged));
    return month;
  });
}

/**
 * The next version: some notices withdrawn, some updated (type, mode, route or persons changed),
 * at least `least` in all, since the service makes a revision only once k notices have changed.
 */
function revise(d: Draw, month: MonthVersions, before: readonly CountedNotice[], least: number): CountedNotice[] {
  const after: CountedNotice[] = [];
  const changes: NoticeChange[] = [];
  for (const n of before) {
    if (d.chance(0.06)) {
      month.withdrawn += 1;
      changes.push({ before: n });
    } else if (d.chance(0.08)) {
      const updated = update(d, n);
      after.push(updated);
      changes.push({ before: n, after: updated });
    } else after.push(n);
  }
  for (let i = 0; changes.length < least && i < after.length; i += 1) {
    const n = after[i]!;
    if (changes.some((c) => c.after === n)) continue;
    const updated = update(d, n);
    after[i] = updated;
    changes.push({ before: n, after: updated });
  }
  month.updated += changes.filter((c) => c.after).length;
  month.changes.push(changes);
  return after;
}

function update(d: Draw, n: CountedNotice): CountedNotice {
  const change = d.int(0, 3);
  const fresh = makeNotice(d, n.noticeId);
  return {
    ...n,
    ...(change === 0 ? { type: fresh.type } : {}),
    ...(change === 1 ? { mode: fresh.mode } : {}),
    ...(change === 2 ? { route: fresh.route, migrantCount: fresh.migrantCount } : {}),
    ...(change === 3 ? { persons: fresh.persons, deathsReported: fresh.deathsReported } : {}),
  };
}
