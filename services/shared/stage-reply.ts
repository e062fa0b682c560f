import { isAccordError, errorMessage } from '../../libs/errors/index.js';
import { type v1, type AuditEventProps } from '../../libs/proto/index.js';

/** One notice's outcome at a stage: its audit events, or its failure with its code and whether to try again. */
export function stageReply(outcome: PromiseSettledResult<AuditEventProps[]>): v1.StageReply.$Properties {
  if (outcome.status === 'fulfilled') return { events: outcome.value };
  const error: unknown = outcome.reason;
  const code = isAccordError(error) ? error.code : 'E_PROCESSING_FAILED';
  const retryable = isAccordError(error) ? error.retryable : true;
  return { error: { code, message: errorMessage(error), retryable } };
}
