import { periodSelected, type Release } from '../statistics/index.js';
import type { Role } from './console-models.js';

/** Who may open the Statistics page (and sees it in the navigation): the officers who read the agency's notices. */
export const STATISTICS_READERS: readonly Role[] = ['officer', 'supervisor'];

/** A period the agency has a release of, as the period picker offers it: its latest version. */
export interface StatisticsPeriod {
  period: string;
  version: number;
  releasedAt: string;
}

/** What the Statistics page shows, from the verified releases the bus delivered to the agency. */
export interface StatisticsModel {
  /** Every period released to the agency, the newest first. */
  periods: StatisticsPeriod[];
  /** The period asked for (`?period=`: a month, or one period's start), when one was. */
  selector?: string;
  /** The releases shown, oldest first: those the selector selects (a month may select several periods), else the latest period's. */
  releases: Release[];
}

/** Oldest first: by the period's start, then its name (code-point order, as the bus sorts them). */
function byPeriod(a: Release, b: Release): number {
  const start = a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0;
  return start !== 0 ? start : a.period < b.period ? -1 : a.period > b.period ? 1 : 0;
}

/**
 * The page's model from the releases the bus gave (the latest version of each period, each
 * verified): the periods for the picker, and the releases `selector` selects, or the latest
 * period's when there is no selector. A period given twice keeps its highest version.
 */
export function statisticsModel(releases: readonly Release[], selector?: string): StatisticsModel {
  const latest = new Map<string, Release>();
  for (const release of releases) {
    const known = latest.get(release.period);
    if (!known || release.version > known.version) latest.set(release.period, release);
  }
  const ordered = [...latest.values()].sort(byPeriod);
  const periods = ordered.map((r) => ({ period: r.period, version: r.version, releasedAt: r.releasedAt })).reverse();
  if (selector === undefined) {
    const newest = ordered.at(-1);
    return { periods, releases: newest ? [newest] : [] };
  }
  return { periods, selector, releases: ordered.filter((r) => periodSelected(r.period, selector)) };
}
