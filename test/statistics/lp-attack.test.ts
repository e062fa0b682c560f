import { describe, expect, test } from 'vitest';
import { buildRelease, tabulate } from '../../libs/statistics/index.js';
import { COVERAGE, makeCorpus } from './corpus.js';
import { AttackModel, qualified, type Interval, type Published } from './lp-attack.js';
import { primaryOnly } from './primary-only.js';
import { utilityLost } from './utility-lost.js';

const K = 5;
const DAY = 86_400_000;

/**
 * Every version of every month of a seeded corpus, released as the service would: version 1,
 * then each later one with the suppressions of the one before.
 *
 * Different periods, and different versions of one period, share no linear relation (each is
 * its own set of notices; nothing published sums over them), so the attack solves one model
 * per release; one test solves a model over all three versions of March to show the bounds
 * are the same.
 */
const corpus = makeCorpus();
const releases = corpus.flatMap((month) => {
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

/** The true value of every number, for an attacker stronger than any: one who knows which suppressed numbers are not 0. */
const truth = new Map(
  releases.flatMap(({ release, raw }) =>
    raw
      .flatMap((t) => [...t.cells.map((c) => [`${t.id}/${c.key}`, c.value] as const), [`${t.id}/total`, t.total.value] as const])
      .map(([id, value]) => [qualified(release, id), value] as const),
  ),
);
const nonzeroAtLeastOne = (id: string): number => ((truth.get(id) ?? 0) > 0 ? 1 : 0);

const closeOrInfinite = (x: number): unknown => (Number.isFinite(x) ? expect.closeTo(x, 6) : x);

const narrow = (intervals: readonly Interval[], p: number): Interval[] => intervals.filter((i) => i.max - i.min < p);

async function attackEach(published: readonly Published[], lowerBound?: (id: string) => number): Promise<Interval[]> {
  const all: Interval[] = [];
  for (const release of published) all.push(...(await new AttackModel([release], lowerBound).intervals()));
  return all;
}

describe('a linear-programming attack on every release of a year', () => {
  test('the corpus has 2,000+ notices over 12 months from 5+ issuers, with withdrawals, updates and a third version', () => {
    expect(corpus.reduce((s, m) => s + m.versions[0]!.length, 0)).toBeGreaterThanOrEqual(2000);
    expect(corpus).toHaveLength(12);
    expect(new Set(corpus.flatMap((m) => m.versions.flat().map((n) => n.issuer))).size).toBeGreaterThanOrEqual(5);
    expect(corpus.reduce((s, m) => s + m.withdrawn, 0)).toBeGreaterThan(0);
    expect(corpus.reduce((s, m) => s + m.updated, 0)).toBeGreaterThan(0);
    expect(Math.max(...corpus.map((m) => m.versions.length))).toBe(3);
  });

  test('a number suppressed in a version stays suppressed in every later version of its period', () => {
    for (const month of corpus) {
      const versions = releases.filter((r) => r.release.period === month.period);
      versions.slice(1).forEach((later, i) => expect(later.suppressed).toEqual(expect.arrayContaining(versions[i]!.suppressed)));
    }
  });

  test('every suppressed number keeps a feasible interval at least p wide, over everything published (numbers ≥ 0)', async () => {
    const intervals = await attackEach(releases.map((r) => r.release));
    expect(intervals.length).toBe(releases.reduce((s, r) => s + r.release.disclosure.suppressed, 0));
    expect(narrow(intervals, K)).toEqual([]);
  });

  test('and at least p wide to an attacker who also knows which suppressed numbers are not 0 (each then ≥ 1)', async () => {
    const intervals = await attackEach(
      releases.map((r) => r.release),
      nonzeroAtLeastOne,
    );
    expect(narrow(intervals, K)).toEqual([]);
  });

  test('the solver re-solving one model agrees with fresh solves of its LP text', async () => {
    for (const period of ['2025-03', '2025-08']) {
      const model = new AttackModel([releases.find((r) => r.release.period === period)!.release]);
      const fresh: Interval[] = [];
      for (const id of model.suppressed) fresh.push(await model.interval(id));
      expect(await model.intervals()).toEqual(fresh.map((i) => ({ id: i.id, min: expect.closeTo(i.min, 6), max: closeOrInfinite(i.max) })));
    }
  });

  test('one model over all versions of a month gives the same bounds as one model per version', async () => {
    const march = releases.filter((r) => r.release.period === '2025-03').map((r) => r.release);
    expect(march).toHaveLength(3);
    const together = await new AttackModel(march).intervals();
    const apart = await attackEach(march);
    expect(together.map((i) => i.id)).toEqual(apart.map((i) => i.id));
    together.forEach((i, n) => {
      expect(i.min).toBeCloseTo(apart[n]!.min, 6);
      if (Number.isFinite(i.max)) expect(i.max).toBeCloseTo(apart[n]!.max, 6);
      else expect(apart[n]!.max).toBe(Number.POSITIVE_INFINITY);
    });
  });

  test('published totals agree: shared totals, child totals and parent cells, and cells with their total', () => {
    for (const { release } of releases) {
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
    const exact = (await attackEach(unprotected)).filter((i) => i.max - i.min < 1e-6);
    expect(exact.length).toBeGreaterThan(0);
  });

  test('the utility lost to disclosure control, in figures', () => {
    const all = utilityLost(releases.map((r) => r.release));
    const latest = utilityLost(releases.filter((r, i) => releases[i + 1]?.release.period !== r.release.period).map((r) => r.release));
    console.log(`utility lost to disclosure control, all ${all.releases} releases:`, JSON.stringify(all));
    console.log(`utility lost to disclosure control, latest version of each of the ${latest.releases} months:`, JSON.stringify(latest));
    expect(all.suppressed).toBe(all.primary + all.secondary);
    expect(all.secondary).toBeGreaterThan(0);
    expect(all.shareSuppressed).toBeLessThan(1);
  });
});
