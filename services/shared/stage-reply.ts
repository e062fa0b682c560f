import { isAccordError, errorMessage } from '../../libs/errors/index.js';
import { v1, type AuditEventProps } from '../../libs/proto/index.js';

export function okReply(events: AuditEventProps[]): Uint8Array {
  return v1.StageReply.encode({ events }).finish();
}

/** A stage's failure travels back to ingest with its code and whether to try again. */
export function errorReply(error: unknown): Uint8Array {
  const code = isAccordError(error) ? error.code : 'E_PROCESSING_FAILED';
  const retryable = isAccordError(error) ? error.retryable : true;
  return v1.StageReply.encode({ error: { code, message: errorMessage(error), retryable } }).finish();
}
