import { DEFAULT_WITHDRAWAL_CODE, keptVersions, reasonNamesPerson, withdrawalNotice } from '../client/index.js';
import { AccordError, isAccordError } from '../errors/index.js';
import type { CaseNotice } from '../proto/index.js';
import type { Submission, SubmissionStore } from './submission-store.js';
import { takeIntendedSubmission } from './take-submission.js';

export interface WithdrawalRequest {
  /** The agency's notice withdrawn (the route's path). */
  withdrawnNoticeId: string;
  reason: string;
  /** A WithdrawalCode name; OTHER when absent. */
  code?: string;
  /** The withdrawal notice's own id, when the request chooses it; otherwise the Idempotency-Key names it. */
  withdrawalId?: string;
  idempotencyKey?: string;
  /** The node's agency: the withdrawal's issuer. */
  agency: string;
  submittedBy: string;
  now: Date;
}

/** withdrawalNotice's refusal of a reason (E_USAGE, named for the CLI's --reason) as the request's field. */
function asRequestField(error: unknown): unknown {
  if (!isAccordError(error) || error.code !== 'E_USAGE' || error.path !== 'summary') return error;
  return new AccordError('E_REQUEST_INVALID', error.message.replace(/^--reason/, 'reason'), { path: 'body/reason', cause: error });
}

/**
 * The submission a withdrawal through the node is: withdrawalNotice's notice (the reason as
 * its summary, the code, RED, addressed to no one), under the withdrawalId or a fresh id,
 * signed and recorded as any submission; a retry (same withdrawalId or Idempotency-Key,
 * same notice, reason and code) is the earlier one.
 */
export async function takeWithdrawal(
  store: SubmissionStore,
  request: WithdrawalRequest,
  sign: (notice: CaseNotice) => Promise<Uint8Array>,
): Promise<Submission> {
  const { withdrawnNoticeId, reason, withdrawalId, idempotencyKey, now } = request;
  const code = request.code ?? DEFAULT_WITHDRAWAL_CODE;
  // The node kept what it signed: the reason is checked against the persons of every version kept.
  const named = reasonNamesPerson(
    reason,
    keptVersions((id) => store.kept(id), withdrawnNoticeId),
  );
  if (named)
    throw new AccordError(
      'E_REQUEST_INVALID',
      `reason: it shows a value of ${named.path} of ${named.noticeId}; the reason reaches every recipient, some never granted it: leave it out`,
      { path: 'body/reason' },
    );
  return takeIntendedSubmission(
    store,
    {
      ...(withdrawalId !== undefined ? { noticeId: withdrawalId } : {}),
      noticeIdField: 'body/withdrawalId',
      asked: { withdraws: withdrawnNoticeId.toLowerCase(), reason, code },
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      submittedBy: request.submittedBy,
      now,
    },
    (noticeId) => {
      try {
        return withdrawalNotice({ as: request.agency, withdrawnNoticeId, reason, code, now, freshNoticeId: () => noticeId });
      } catch (error) {
        throw asRequestField(error);
      }
    },
    sign,
  );
}
