import type { Logger } from '../../libs/log/index.js';
import type { EventHub, Submission, SubmissionStore } from '../../libs/node/index.js';
import { v1 } from '../../libs/proto/index.js';
import type { NodeBus } from './node-bus.js';

export interface SubmissionDeps {
  bus: NodeBus;
  submissions: SubmissionStore;
  events: EventHub;
  log: Logger;
}

/** Publishes a recorded submission's signed bytes (again, after a crash: the broker's dedup makes it the same one). */
export async function publishRecorded(deps: SubmissionDeps, noticeId: string): Promise<number | undefined> {
  const signed = deps.submissions.signed(noticeId);
  if (!signed) return undefined;
  const { seq } = await deps.bus.submit(noticeId, signed);
  deps.submissions.published(noticeId, seq);
  return seq;
}

/** Asks ingest for a pending submission's decision, waiting up to `waitMs`; records it and tells the event streams. */
export async function settleSubmission(deps: SubmissionDeps, submission: Submission, waitMs: number): Promise<Submission> {
  const seq = submission.ingestSeq ?? (await publishRecorded(deps, submission.noticeId));
  if (seq === undefined) return submission;
  const decision = await deps.bus.decision(seq, waitMs);
  if (!decision) return deps.submissions.find(submission.noticeId) ?? submission;
  const quarantined = decision.status === v1.DecisionStatus.DECISION_QUARANTINED;
  const outcome = quarantined
    ? {
        status: 'quarantined' as const,
        ...(decision.code ? { code: decision.code } : {}),
        ...(decision.path ? { path: decision.path } : {}),
      }
    : { status: 'accepted' as const };
  // The request that submitted it and the watcher may both settle it: the one that records the decision tells the event streams.
  if (deps.submissions.decide(submission.noticeId, outcome, new Date()))
    deps.events.publish({ type: 'decision', noticeId: submission.noticeId, ...outcome });
  return deps.submissions.find(submission.noticeId) ?? submission;
}

/** Settles every pending submission (a decision that came after the request was answered) until the signal aborts. */
export async function watchDecisions(deps: SubmissionDeps, signal: AbortSignal, everyMs = 2000): Promise<void> {
  while (!signal.aborted) {
    for (const submission of deps.submissions.pending()) {
      if (signal.aborted) break;
      await settleSubmission(deps, submission, 1000).catch((error: unknown) =>
        deps.log.warn('a pending submission could not be settled yet', { noticeId: submission.noticeId, error: String(error) }),
      );
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
