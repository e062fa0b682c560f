export { AccordError, OPERATIONAL_CODES, isAccordError, isAccordErrorCode, errorMessage } from './accord-error.js';
export type { AccordErrorCode, AccordErrorOptions, OperationalCode } from './accord-error.js';
export { REASON_CODES, describeReason, isReasonCode, toReasonCode } from './reason-codes.js';
export type { ReasonCode } from './reason-codes.js';
