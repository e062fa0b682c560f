import { AccordError, isAccordError, errorMessage, toReasonCode } from '../../libs/errors/index.js';
import { type v1, type AuditEventProps } from '../../libs/proto/index.js';

/**
 * One notice's outcome at a stage: its audit events, or its failure with its code and
 * whether to try again. An error that is not an AccordError is a bug, and retrying does
 * not mend a bug: it is E_PROCESSING_FAILED, not retryable. A stage that may have stored
 * something before failing says so itself, with a retryable AccordError.
 */
export function stageReply(outcome: PromiseSettledResult<AuditEventProps[]>): v1.StageReply.$Properties {
  if (outcome.status === 'fulfilled') return { events: outcome.value };
  const error: unknown = outcome.reason;
  if (isAccordError(error)) return { error: { code: error.code, message: error.message, retryable: error.retryable } };
  return { error: { code: 'E_PROCESSING_FAILED', message: errorMessage(error), retryable: false } };
}

/**
 * A stage's failed reply as its caller acts on it: retryable as the stage said (no flag
 * is no retry, as AccordError's default), and with a code a quarantine record may carry,
 * the stage's own code kept in the message when it is not the contract's.
 */
export function stageFailure(stage: string, error: v1.ServiceError.$Properties): AccordError {
  const own = error.code ?? '';
  const code = toReasonCode(own);
  const message = code === own ? `${stage}: ${error.message ?? ''}` : `${stage}: ${own}: ${error.message ?? ''}`;
  return new AccordError(code, message, { retryable: error.retryable ?? false });
}
