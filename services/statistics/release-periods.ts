import { createHash } from 'node:crypto';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { auditEventId } from '../../libs/audit/index.js';
import { isWriteConflict, messageIds, publishServiceEvents, streams, subjects } from '../../libs/bus/index.js';
import { AccordError, errorMessage } from '../../libs/errors/index.js';
import type { Logger } from '../../libs/log/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import { countedTlpOf, type RegistrySnapshot } from '../../libs/registry/index.js';
import type { SigningKey } from '../../libs/signing/index.js';
import {
  buildRelease,
  markReleased,
  releaseDue,
  signStatisticsRelease,
  type Coverage,
  type CountedNotice,
  type PendingRelease,
  type PeriodState,
} from '../../libs/statistics/index.js';
import type { StatisticsState } from './statistics-state.js';

export interface ReleaseDeps {
  state: StatisticsState;
  js: JetStreamClient;
  jsm: JetStreamManager;
  registry: RegistrySnapshot;
  busKey: SigningKey;
  graceSeconds: number;
  k: number;
  log: Logger;
}

/**
 * The issuers a release covers: every one that counts any level now, and every one whose
 * notices it counts (one that counts nothing now, or has left, with the levels it counts
 * now: none). Research bodies issue nothing that counts.
 */
function coverageOf(registry: RegistrySnapshot, notices: readonly CountedNotice[]): Coverage[] {
  const issuers = new Set(notices.map((n) => n.issuer));
  for (const a of registry.agencies()) if (a.role !== 'research' && countedTlpOf(a).length > 0) issuers.add(a.id);
  return [...issuers].sort().map((issuer) => {
    const agency = registry.agency(issuer);
    return { issuer, countedTlp: agency ? [...countedTlpOf(agency)] : [] };
  });
}

function researchAgencies(registry: RegistrySnapshot): string[] {
  return registry
    .agencies()
    .filter((a) => a.role === 'research')
    .map((a) => a.id)
    .sort();
}

/**
 * Releases every period that is due; returns the versions published. A period that
 * cannot be released is logged and tried again at the next tick, and holds up no other.
 */
export async function releaseDuePeriods(deps: ReleaseDeps, now: Date): Promise<number> {
  let published = 0;
  for (const state of await deps.state.periods()) {
    // k + 1, not k: a value new in a revision is at most the number of notices changed, and at least 1 (docs/statistics.md).
    if (!releaseDue(state, deps.graceSeconds, now, deps.k + 1)) continue;
    try {
      if (await releasePeriod(deps, state, now)) published += 1;
    } catch (error) {
      deps.log.error('statistics release failed; tried again at the next tick', { period: state.period, error: errorMessage(error) });
    }
  }
  return published;
}

/**
 * Builds, signs and records the next version as pending (under the state it was built
 * from: if a record changed the period meanwhile, nothing is recorded and the next tick
 * builds it again), then publishes it: the service's copy, each research agency's copy,
 * its audit record, and only then the period's new state. A pending version found after
 * a crash is published as it was signed; every write has a message id, so none doubles.
 */
async function releasePeriod(deps: ReleaseDeps, read: PeriodState, now: Date): Promise<boolean> {
  let pending = read.pending;
  if (!pending) {
    const built = await buildNext(deps, read, now);
    const stored = await deps.state.changePeriod(read.period, (current) =>
      current.changes === read.changes && current.version === read.version && !current.pending ? { ...current, pending: built } : undefined,
    );
    if (stored?.pending !== built) return false;
    pending = built;
  }
  await publish(deps, read.period, pending, now);
  const done = pending;
  await deps.state.changePeriod(read.period, (current) =>
    current.pending?.version === done.version ? markReleased(current, done, new Date()) : undefined,
  );
  deps.log.info('statistics released', { period: read.period, version: String(done.version), suppressed: done.suppressed.length });
  return true;
}

async function buildNext(deps: ReleaseDeps, state: PeriodState, now: Date): Promise<PendingRelease> {
  const notices = (await deps.state.threadsOf(state.period)).flatMap((t) => (t.notice ? [t.notice] : []));
  const { release, suppressed } = buildRelease({
    period: state.period,
    start: new Date(state.start),
    end: new Date(state.end),
    version: state.version + 1,
    releasedAt: now,
    coverage: coverageOf(deps.registry, notices),
    notices,
    k: deps.k,
    previouslySuppressed: state.suppressed,
  });
  const { text, signed } = await signStatisticsRelease(release, deps.busKey);
  return {
    version: release.version,
    signed: Buffer.from(signed).toString('base64'),
    digest: createHash('sha256').update(text).digest('base64url'),
    suppressed,
    changes: state.changes,
    changedNotices: state.changedNotices,
  };
}

/**
 * The service's own copy, written only where there is none yet: a second, different
 * version N of a period (a state restored from before N was published) is refused by the
 * broker and reported, never published beside the first. The same bytes again (a crash
 * after this write) are the write done.
 */
async function publishOwnCopy(deps: ReleaseDeps, period: string, version: number, signed: Uint8Array): Promise<void> {
  const subject = subjects.statisticsRelease(period, version);
  try {
    await deps.js.publish(subject, signed, { msgID: messageIds.statisticsRelease(period, version), expect: { lastSubjectSequence: 0 } });
  } catch (error) {
    if (!isWriteConflict(error)) throw error;
    const existing = await deps.jsm.streams.getMessage(streams.statistics, { last_by_subj: subject });
    if (!existing || !Buffer.from(existing.data).equals(Buffer.from(signed))) {
      throw new AccordError(
        'E_STATE',
        `version ${version} of ${period} is already published with other figures: the service's state (KV accord-statistics) is older than its releases; restore it to a copy taken after that release, or remove the period's state to start its versions again after the last one published`,
      );
    }
  }
}

async function publish(deps: ReleaseDeps, period: string, pending: PendingRelease, now: Date): Promise<void> {
  const signed = Buffer.from(pending.signed, 'base64');
  const { version } = pending;
  await publishOwnCopy(deps, period, version, signed);
  const recipients = researchAgencies(deps.registry);
  for (const agency of recipients) {
    await deps.js.publish(subjects.statisticsDelivery(agency, period, version), signed, {
      msgID: messageIds.statisticsDelivery(agency, period, version),
    });
  }
  await publishServiceEvents(deps.js, 'statistics', [
    {
      eventId: auditEventId.statisticsRelease(period, version),
      kind: v1.AuditKind.STATISTICS,
      time: timestampFromDate(now),
      service: 'statistics',
      period,
      releaseVersion: version,
      digest: Buffer.from(pending.digest, 'base64url'),
      recipients,
    },
  ]);
}
