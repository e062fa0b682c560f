import { AccordError } from '../errors/index.js';
import type { CountedNotice } from './counted-notice.js';
import { protectTables, type ProtectOptions } from './protect-tables.js';
import { DISCLOSURE_METHOD, RELEASE_FORMAT, RELEASE_NOTE, RELEASE_UNIT, type Coverage, type Release } from './release.js';
import { formatInstant, periodProblem } from './release-times.js';
import { compareKeys } from './table-layout.js';
import { tabulate } from './tabulate.js';

export interface ReleaseInput {
  period: string;
  start: Date;
  /** The first instant after the period. */
  end: Date;
  /** 1 for the period's first release; each later one carries the suppressions of those before. */
  version: number;
  releasedAt: Date;
  /** Every issuer whose notices are counted; in any order. */
  coverage: readonly Coverage[];
  /** The period's counted notices, each at its latest counted version (withdrawn ones left out). */
  notices: readonly CountedNotice[];
  /** Default 5. */
  k?: number;
  /** The ids suppressed by the earlier versions of the period (the `suppressed` they returned). */
  previouslySuppressed?: Iterable<string>;
}

export interface BuiltRelease {
  release: Release;
  /** Every id suppressed in this version: the next version's `previouslySuppressed`. */
  suppressed: string[];
}

/** One version of a period's release: the same input gives the same release, key for key (its JSON text is what is signed). */
export function buildRelease(input: ReleaseInput): BuiltRelease {
  const problem = periodProblem(input.period, input.start, input.end);
  if (problem) throw new AccordError('E_USAGE', `release of ${input.period}: ${problem}`);
  if (!Number.isSafeInteger(input.version) || input.version < 1) {
    throw new AccordError('E_USAGE', `release of ${input.period}: version ${input.version} is not 1, 2, ...`);
  }
  if (Number.isNaN(input.releasedAt.getTime())) throw new AccordError('E_USAGE', `release of ${input.period}: releasedAt is not a time`);
  const coverage = coverageOf(input);
  const options: Partial<ProtectOptions> = {};
  if (input.k !== undefined) options.k = input.k;
  if (input.previouslySuppressed !== undefined) options.previouslySuppressed = input.previouslySuppressed;
  const protectedTables = protectTables(tabulate(input.notices), options);
  const release: Release = {
    format: RELEASE_FORMAT,
    period: input.period,
    periodStart: formatInstant(input.start),
    periodEnd: formatInstant(input.end),
    version: input.version,
    releasedAt: formatInstant(input.releasedAt),
    unit: RELEASE_UNIT,
    note: RELEASE_NOTE,
    coverage,
    disclosure: { method: DISCLOSURE_METHOD, k: protectedTables.k, p: protectedTables.p, ...protectedTables.counts },
    tables: protectedTables.tables,
  };
  return { release, suppressed: protectedTables.suppressed };
}

function coverageOf(input: ReleaseInput): Coverage[] {
  const coverage = input.coverage
    .map((c) => ({ issuer: c.issuer, countedTlp: [...c.countedTlp] }))
    .sort((a, b) => compareKeys(a.issuer, b.issuer));
  coverage.forEach((c, i) => {
    if (c.issuer === '' || c.issuer === coverage[i - 1]?.issuer) {
      throw new AccordError('E_USAGE', `release of ${input.period}: coverage names issuer "${c.issuer}" twice, or an empty one`);
    }
  });
  const issuers = new Set(coverage.map((c) => c.issuer));
  const uncovered = input.notices.find((n) => !issuers.has(n.issuer));
  if (uncovered)
    throw new AccordError('E_USAGE', `release of ${input.period}: issuer "${uncovered.issuer}" is counted but not in the coverage`);
  return coverage;
}
