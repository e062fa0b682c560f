import type { JetStreamManager } from '@nats-io/jetstream';
import type { CryptoKey } from 'jose';
import { parseSubject, streams, subjects } from '../bus/index.js';
import { AccordError, errorMessage } from '../errors/index.js';
import { openStatisticsRelease, periodSelected, type Release } from '../statistics/index.js';

export interface ReleaseQuery {
  /** A month (every period starting in it) or one period's name; absent: every period. */
  period?: string;
  /** Every version of each period, oldest first, instead of the latest only. */
  allVersions?: boolean;
}

/**
 * The statistical releases delivered to a research agency, each verified against the bus's
 * key before it is read, in period order (then version). The agency's credentials can list
 * and read its own copies and no one else's: the broker refuses the rest.
 */
export async function readReleases(
  jsm: JetStreamManager,
  agency: string,
  bus: { kid: string; key: CryptoKey },
  query: ReleaseQuery = {},
): Promise<Release[]> {
  const info = await jsm.streams.info(streams.statistics, { subjects_filter: subjects.statisticsDeliveriesOf(agency) });
  const found = Object.keys(info.state.subjects ?? {})
    .flatMap((subject) => {
      const parsed = parseSubject.statisticsDelivery(subject);
      return parsed && parsed.agency === agency && (query.period === undefined || periodSelected(parsed.period, query.period))
        ? [{ subject, ...parsed }]
        : [];
    })
    // Period names sort by time as strings; code points, not the locale, decide.
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.version - b.version));
  const latest = new Map(found.map((f) => [f.period, f.version]));
  const wanted = query.allVersions ? found : found.filter((f) => latest.get(f.period) === f.version);
  const releases: Release[] = [];
  for (const { subject, period, version } of wanted) {
    const msg = await jsm.direct.getMessage(streams.statistics, { last_by_subj: subject });
    if (!msg) throw new AccordError('E_STATE', `release ${period} version ${version} is listed but could not be read; try again`);
    let release: Release;
    try {
      release = await openStatisticsRelease(msg.data, bus);
    } catch (error) {
      throw new AccordError('E_STATISTICS_INVALID', `release ${period} version ${version}: ${errorMessage(error)}`, { cause: error });
    }
    // Signed by the bus, but under another name: a copy moved or replayed is not this release.
    if (release.period !== period || release.version !== version) {
      throw new AccordError(
        'E_STATISTICS_INVALID',
        `the copy of ${period} version ${version} holds the release of ${release.period} version ${release.version}`,
      );
    }
    releases.push(release);
  }
  return releases;
}
