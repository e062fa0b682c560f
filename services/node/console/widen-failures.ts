import type { MessageKey, PageContext } from '../../../libs/console/index.js';
import { isAccordError, type AccordErrorCode } from '../../../libs/errors/index.js';

/** What a page says when the bus refuses a request to widen or its decision: the status, and the message at the top. */
export interface WidenFailure {
  status: number;
  flash: NonNullable<PageContext['flash']>;
}

/** Asking, or deciding (releasing, refusing): a conflict means the form's id was taken, or the request decided already. */
type Op = 'ask' | 'decide';

const FAILURES: Partial<Record<AccordErrorCode, { status: number; key: (op: Op) => MessageKey; detail?: true }>> = {
  E_UNAVAILABLE: { status: 503, key: () => 'error.unavailable' },
  E_TIMEOUT: { status: 503, key: () => 'error.unavailable' },
  E_NOT_FOUND: { status: 404, key: () => 'widenError.notFound' },
  E_FORBIDDEN: { status: 403, key: () => 'widenError.notAddressed' },
  E_CONFLICT: { status: 409, key: (op) => (op === 'ask' ? 'widenError.formChanged' : 'widenError.decided') },
  // Routing's refusals say what is wrong in words of their own (in English): shown as the bus wrote them.
  E_WIDEN_INVALID: { status: 400, key: () => 'widenError.refused', detail: true },
  E_RELEASE_SIGNATURE: { status: 400, key: () => 'widenError.refused', detail: true },
  E_RELEASE_EXPIRED: { status: 400, key: () => 'widenError.refused', detail: true },
  E_RELEASE_MISMATCH: { status: 400, key: () => 'widenError.refused', detail: true },
  E_RELEASE_FORBIDDEN: { status: 400, key: () => 'widenError.refused', detail: true },
};

/** The page's answer to a refusal of the bus or of the request's checks; undefined for any other error, which is the node's. */
export function widenFailureOf(error: unknown, op: Op): WidenFailure | undefined {
  if (!isAccordError(error)) return undefined;
  const failure = FAILURES[error.code];
  if (!failure) return undefined;
  return {
    status: failure.status,
    flash: { kind: 'error', messageKey: failure.key(op), ...(failure.detail ? { params: { detail: error.message } } : {}) },
  };
}
