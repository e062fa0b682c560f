import { describe, expect, test } from 'vitest';
import { buildRelease, protectTables, tabulate } from '../../libs/statistics/index.js';
import { toldAmounts, toldCount } from './change-bounds.js';
import { COVERAGE, makeCorpus, type MonthVersions, type NoticeChange } from './corpus.js';
import { n, rawTables } from './notices.js';
import { AttackModel, qualified, width, type AttackOptions, type Interval, type Published } from './lp-attack.js';
import { primaryOnly } from './primary-only.js';
import { utilityLost } from './utility-lost.js';

const K = 5;
const DAY = 86_400_000;

/**
 * Every version of every month of a seeded corpus, released as the service would: version 1,
 * then each later one with the suppressions of the one before.
 *
 * Different periods share no linear relation (each is its own set of notices; nothing published
 * sums over them), so the attack on each release alone is one model per release. The versions of
 * a period are linked by what changed between them: the cross-version attack is one model per
 * period, each number within what the changed notices can have moved it.
 */
function releasesOf(corpus: readonly MonthVersions[]) {
  return corpus.flatMap((month) => {
    let previouslySuppressed: string[] = [];
    return month.versions.map((notices, i) => {
      const built = buildRelease({
        period: month.period,
        start: month.start,
        end: month.end,
        version: i + 1,
        releasedAt: new Date(month.end.getTime() + (3 + 10 * i) * DAY),
        coverage: COVERAGE,
        notices,
        k: K,
        previouslySuppressed,
      });
      previouslySuppressed = built.suppressed;
      return { release: built.release, suppressed: built.suppressed, raw: tabulate(notices) };
    });
  });
}

const corpus = makeCorpus();
const releases = releasesOf(corpus);
const published = releases.map((r) => r.release);

/** The true value of every number, listed or not, for an attacker stronger than any: one who knows which unknown numbers are not 0. */
function nonzeroAtLeastOne(of: ReturnType<typeof releasesOf>): (id: string) => number {
  const truth = new Map(
    of.flatMap(({ release, raw }) =>
      raw
        .flatMap((t) => [...t.cells.map((c) => [`${t.id}/${c.key}`, c.value] as const), [`${t.id}/total`, t.total.value] as const])
        .map(([id, value]) => [qualified(release, id), value] as const),
    ),
  );
  return (id) => ((truth.get(id) ?? 0) > 0 ? 1 : 0);
}

/** How far each number can have moved between version v − 1 and v of a period, to an attacker told what `told` tells. */
function movedBy(months: readonly MonthVersions[], told: (changes: readonly NoticeChange[]) => (id: string) => number) {
  const bounds = new Map(months.flatMap((m) => m.changes.map((changes, i) => [`${m.period} v${i + 2}`, told(changes)] as const)));
  const moved: NonNullable<AttackOptions['moved']> = (period, to, id) => bounds.get(`${period} v${to}`)!(id);
  return moved;
}

const closeOrInfinite = (x: number): unknown => (Number.isFinite(x) ? expect.closeTo(x, 6) : x);

/** An interval with its bounds rounded inwards to whole numbers: counts are whole. */
const rounded = (i: Interval): Interval => ({ ...i, min: Math.ceil(i.min - 1e-6), max: Math.floor(i.max + 1e-6) });

/** The intervals narrower than p, rounded. */
const narrow = (intervals: readonly Interval[], p: number): string[] =>
  intervals
    .map(rounded)
    .filter((i) => width(i) < p)
    .map((i) => `${i.id} in [${i.min}, ${i.max}]`);

/** How many intervals are bounded above: the check is not passed on unbounded intervals alone. */
const finite = (intervals: readonly Interval[]): number => intervals.filter((i) => Number.isFinite(width(i))).length;

async function attackEach(releasesToAttack: readonly Published[], options: Partial<AttackOptions> = {}): Promise<Interval[]> {
  const all: Interval[] = [];
  for (const release of releasesToAttack) all.push(...(await new AttackModel([release], options).intervals()));
  return all;
}

/** One model per period with several versions; every unknown number of every version, listed or not. */
async function attackAcrossVersions(
  of: ReturnType<typeof releasesOf>,
  options: Partial<AttackOptions> & Pick<AttackOptions, 'moved'>,
): Promise<{ intervals: Interval[]; suppressed: number; unlisted: number }> {
  const periods = [...new Set(of.filter((r) => r.release.version > 1).map((r) => r.release.period))];
  const result = { intervals: [] as Interval[], suppressed: 0, unlisted: 0 };
  for (const period of periods) {
    const model = new AttackModel(
      of.filter((r) => r.release.period === period).map((r) => r.release),
      options,
    );
    result.intervals.push(...(await model.intervals()));
    result.suppressed += model.suppressed.length;
    result.unlisted += model.unlisted.length;
  }
  return result;
}

/** Prints how many unknown numbers were attacked, how many are bounded above, and the narrowest width (bounds rounded inwards). */
const report = (what: string, intervals: readonly Interval[]): void => {
  const widths = intervals.map((i) => width(rounded(i))).filter(Number.isFinite);
  const unbounded = [
    ...new Set(intervals.filter((i) => !Number.isFinite(width(i))).map((i) => i.id.replace(/^\S+ v\d+ /, '').replace(/\/.*$/, ''))),
  ];
  console.log(
    `${what}: ${intervals.length} unknown numbers, ${widths.length} bounded above, the narrowest ${Math.min(...widths)} wide; unbounded in ${unbounded.join(', ')}`,
  );
};

describe('a linear-programming attack on every release of a year', () => {
  test('the corpus has 2,000+ notices over 12 months from 5+ issuers, with withdrawals, updates and a third version', () => {
    expect(corpus.reduce((s, m) => s + m.versions[0]!.length, 0)).toBeGreaterThanOrEqual(2000);
    expect(corpus).toHaveLength(12);
    expect(new Set(corpus.flatMap((m) => m.versions.flat().map((n) => n.issuer))).size).toBeGreaterThanOrEqual(5);
    expect(corpus.reduce((s, m) => s + m.withdrawn, 0)).toBeGreaterThan(0);
    expect(corpus.reduce((s, m) => s + m.updated, 0)).toBeGreaterThan(0);
    expect(Math.max(...corpus.map((m) => m.versions.length))).toBe(3);
  });

  test('each revision follows k or more changed notices, as the service makes them', () => {
    const changed = corpus.flatMap((m) => m.changes.map((c) => c.length));
    expect(changed.length).toBeGreaterThan(0);
    for (const c of changed) expect(c).toBeGreaterThanOrEqual(K);
  });

  test('a number suppressed in a version stays suppressed in every later version of its period', () => {
    for (const month of corpus) {
      const versions = releases.filter((r) => r.release.period === month.period);
      versions.slice(1).forEach((later, i) => expect(later.suppressed).toEqual(expect.arrayContaining(versions[i]!.suppressed)));
    }
  });

  test('every suppressed number keeps a feasible interval at least p wide, over everything published (numbers ≥ 0)', async () => {
    const intervals = await attackEach(published);
    report('each release alone, numbers ≥ 0', intervals);
    expect(intervals.length).toBe(releases.reduce((s, r) => s + r.release.disclosure.suppressed, 0));
    expect(narrow(intervals, K)).toEqual([]);
    // Not on unbounded intervals alone: most suppressed numbers are bounded above by what is published.
    expect(finite(intervals)).toBeGreaterThan(2000);
  });

  test('and at least p wide to an attacker who also knows which suppressed numbers are not 0 (each then ≥ 1)', async () => {
    const intervals = await attackEach(published, { lowerBound: nonzeroAtLeastOne(releases) });
    report('each release alone, nonzero ones ≥ 1', intervals);
    expect(narrow(intervals, K)).toEqual([]);
    expect(finite(intervals)).toBeGreaterThan(2000);
  });

  test('across the versions of a period, to an attacker told c, the notices changed: each count of notices within c', async () => {
    const { intervals, suppressed, unlisted } = await attackAcrossVersions(releases, { moved: movedBy(corpus, toldCount) });
    report('across versions, told c, numbers ≥ 0', intervals);
    const revised = published.filter((r) => corpus.find((m) => m.period === r.period)!.versions.length > 1);
    expect(suppressed).toBe(revised.reduce((s, r) => s + r.disclosure.suppressed, 0));
    expect(unlisted).toBeGreaterThan(0);
    expect(narrow(intervals, K)).toEqual([]);
    expect(finite(intervals)).toBeGreaterThan(1000);
  });

  // Why a revision waits for k + 1 changed notices, not k (releaseDue's minChanges): a country
  // new in v2 (v1 lists it at 0) is at most c and, listed, at least 1; [1, c] is c − 1 wide.
  test('and to that attacker knowing which unknown numbers are not 0 (revisions after k + 1 changed notices)', async () => {
    const { intervals } = await attackAcrossVersions(releases, {
      moved: movedBy(corpus, toldCount),
      lowerBound: nonzeroAtLeastOne(releases),
    });
    report('across versions, told c ≥ k + 1, nonzero ones ≥ 1', intervals);
    expect(narrow(intervals, K)).toEqual([]);
    expect(finite(intervals)).toBeGreaterThan(1000);
  });

  test('revisions after only k changed notices would let that attacker narrow a country new in the revision', async () => {
    const hurried = makeCorpus(undefined, K);
    const hurriedReleases = releasesOf(hurried);
    const { intervals } = await attackAcrossVersions(hurriedReleases, {
      moved: movedBy(hurried, toldCount),
      lowerBound: nonzeroAtLeastOne(hurriedReleases),
    });
    expect(narrow(intervals, K).length).toBeGreaterThan(0);
  });

  // A limit of suppression itself: an attacker told how much the changed notices carry (their
  // deaths, say) bounds a number published in v1 and suppressed in v2 by the v1 value give or take
  // that much (a deaths cell of 50 in v1, primary in v2, the changed notices carrying 1 death: [49, 51]).
  // No suppression in v2 widens [a − B, a + B]; docs/statistics.md section 4 says so under "Not guaranteed".
  test('across versions, an attacker also told what the changed notices carry narrows some numbers (the documented limit)', async () => {
    const { intervals } = await attackAcrossVersions(releases, { moved: movedBy(corpus, toldAmounts) });
    expect(narrow(intervals, K).length).toBeGreaterThan(0);
  });

  test('the attack knows a route cell is at most N, and the rule knows it too', async () => {
    // 10 notices that nearly all name LY and TN (9 each, 4 notices each: primary): R − |S| = 16 ≥ p,
    // but each is at most N = 10, so at least 18 − 10 = 8.
    const raw = rawTables({
      'notices.type': { cells: { ALERT: [10, 10] } },
      'notices.mode': { cells: { SEA: [10, 10] } },
      'notices.origin': { cells: { EG: n(6), LY: [9, 4], MA: n(7), TN: [9, 4], TR: n(10) } },
    });
    const attack = async (tables: Published['tables']) => new AttackModel([{ period: '2025-03', version: 1, tables }]).intervals();
    // Threshold suppression alone suppresses LY and TN, which is what R − |S| ≥ p would leave.
    const twoCells = primaryOnly(raw, K);
    expect(narrow(await attack(twoCells), K)).toEqual([
      '2025-03 v1 notices.origin/LY in [8, 10]',
      '2025-03 v1 notices.origin/TN in [8, 10]',
    ]);
    expect(narrow(await attack(protectTables(raw).tables), K)).toEqual([]);
  });

  test('the solver re-solving one model agrees with fresh solves of its LP text', async () => {
    const march = published.filter((r) => r.period === '2025-03');
    for (const model of [
      new AttackModel([march[0]!]),
      new AttackModel([published.find((r) => r.period === '2025-08')!]),
      new AttackModel(march, { moved: movedBy(corpus, toldCount), lowerBound: nonzeroAtLeastOne(releases) }),
    ]) {
      const fresh: Interval[] = [];
      for (const id of model.unknowns) fresh.push(await model.interval(id));
      expect(await model.intervals()).toEqual(fresh.map((i) => ({ id: i.id, min: expect.closeTo(i.min, 6), max: closeOrInfinite(i.max) })));
    }
  });

  test('published totals agree: shared totals, child totals and parent cells, and cells with their total', () => {
    for (const release of published) {
      const value = (id: string) => {
        const [table, key] = id.split('/') as [string, string];
        const t = release.tables.find((x) => x.id === table)!;
        return key === 'total' ? t.total.value : t.cells.find((c) => c.key === key)!.value;
      };
      for (const t of release.tables) {
        if (t.total.value !== null && t.cells.every((c) => c.value !== null)) {
          expect(t.cells.reduce((s, c) => s + c.value!, 0)).toBe(t.total.value);
        }
        if (t.dimension === 'mode') expect(value(`${t.measure}.mode/total`)).toBe(value(`${t.measure}.type/total`));
        if (t.role !== undefined) expect(t.total.value).toBe(value(`persons.role/${t.role}`));
      }
    }
  });

  test('control: threshold suppression alone lets the same attack recover a suppressed number exactly', async () => {
    const unprotected = releases.map(({ release, raw }) => ({
      period: release.period,
      version: release.version,
      tables: primaryOnly(raw, K),
    }));
    const exact = (await attackEach(unprotected)).filter((i) => width(i) < 1e-6);
    console.log(`control: threshold suppression alone, ${exact.length} suppressed numbers recovered exactly`);
    expect(exact.length).toBeGreaterThan(0);
  });

  test('the utility lost to disclosure control, in figures', () => {
    const latestOnly = releases.filter((r, i) => releases[i + 1]?.release.period !== r.release.period);
    const all = utilityLost(
      published,
      releases.map((r) => r.raw),
    );
    const latest = utilityLost(
      latestOnly.map((r) => r.release),
      latestOnly.map((r) => r.raw),
    );
    console.log(`utility lost to disclosure control, all ${all.releases} releases:`, JSON.stringify(all));
    console.log(`utility lost to disclosure control, latest version of each of the ${latest.releases} months:`, JSON.stringify(latest));
    expect(all.suppressed).toBe(all.primary + all.secondary);
    expect(all.secondary).toBeGreaterThan(0);
    expect(all.shareSuppressed).toBeLessThan(1);
  });
});
