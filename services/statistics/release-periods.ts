import { createHash } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { auditEventId } from '../../libs/audit/index.js';
import { messageIds, publishServiceEvents, subjects } from '../../libs/bus/index.js';
import type { Logger } from '../../libs/log/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import { countedTlpOf, type RegistrySnapshot } from '../../libs/registry/index.js';
import type { SigningKey } from '../../libs/signing/index.js';
import {
  buildRelease,
  markReleased,
  periodBounds,
  releaseDue,
  signStatisticsRelease,
  type Coverage,
  type PendingRelease,
  type PeriodScheme,
  type PeriodState,
} from '../../libs/statistics/index.js';
import type { StatisticsState } from './statistics-state.js';

export interface ReleaseDeps {
  state: StatisticsState;
  js: JetStreamClient;
  registry: RegistrySnapshot;
  busKey: SigningKey;
  scheme: PeriodScheme;
  graceSeconds: number;
  k: number;
  log: Logger;
}

/** The issuers whose notices a release counts, with the levels each has counted: not the research bodies. */
function coverageOf(registry: RegistrySnapshot): Coverage[] {
  return registry
    .agencies()
    .filter((a) => a.role !== 'research' && countedTlpOf(a).length > 0)
    .map((a) => ({ issuer: a.id, countedTlp: [...countedTlpOf(a)] }))
    .sort((a, b) => a.issuer.localeCompare(b.issuer));
}

function researchAgencies(registry: RegistrySnapshot): string[] {
  return registry
    .agencies()
    .filter((a) => a.role === 'research')
    .map((a) => a.id)
    .sort();
}

/** Releases every period that is due; returns the versions published. */
export async function releaseDuePeriods(deps: ReleaseDeps, now: Date): Promise<number> {
  let published = 0;
  for (const state of await deps.state.periods()) {
    if (!releaseDue(state, deps.scheme, deps.graceSeconds, now, deps.k)) continue;
    if (await releasePeriod(deps, state, now)) published += 1;
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
    current.pending?.version === done.version ? markReleased(current, done) : undefined,
  );
  deps.log.info('statistics released', { period: read.period, version: String(done.version), suppressed: done.suppressed.length });
  return true;
}

async function buildNext(deps: ReleaseDeps, state: PeriodState, now: Date): Promise<PendingRelease> {
  const threads = await deps.state.threadsOf(state.period);
  const { start, end } = periodBounds(deps.scheme, state.period);
  const { release, suppressed } = buildRelease({
    period: state.period,
    start,
    end,
    version: state.version + 1,
    releasedAt: now,
    coverage: coverageOf(deps.registry),
    notices: threads.flatMap((t) => (t.notice ? [t.notice] : [])),
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
  };
}

async function publish(deps: ReleaseDeps, period: string, pending: PendingRelease, now: Date): Promise<void> {
  const signed = Buffer.from(pending.signed, 'base64');
  const { version } = pending;
  await deps.js.publish(subjects.statisticsRelease(period, version), signed, { msgID: messageIds.statisticsRelease(period, version) });
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
