import { isReasonCode, type ReasonCode } from './reason-codes.js';

/** Codes for failures that are not a submission's fault: configuration, state, I/O. */
export const OPERATIONAL_CODES = [
  'E_CONFIG',
  'E_USAGE',
  'E_NOT_FOUND',
  'E_EXISTS',
  'E_UNAVAILABLE',
  'E_TIMEOUT',
  'E_VIEW_INVALID',
  'E_POLICY_INVALID',
  'E_CHAIN_INVALID',
  'E_STATE',
  'E_PORT_IN_USE',
  // The agency node's HTTP API (RFC 9457 problem codes).
  'E_REQUEST_INVALID',
  'E_UNAUTHENTICATED',
  'E_FORBIDDEN',
  'E_LOGIN_FAILED',
  'E_RATE_LIMITED',
  'E_CONFLICT',
  // Requests to widen: a request the bus cannot take, and the refusals of a release.
  'E_WIDEN_INVALID',
  'E_RELEASE_SIGNATURE',
  'E_RELEASE_EXPIRED',
  'E_RELEASE_MISMATCH',
  'E_RELEASE_FORBIDDEN',
  // A statistical release that does not verify against the bus key, or cannot be read.
  'E_STATISTICS_INVALID',
] as const;

export type OperationalCode = (typeof OPERATIONAL_CODES)[number];

export type AccordErrorCode = ReasonCode | OperationalCode;

export interface AccordErrorOptions {
  /** Where in the input the problem is, for example "persons[1].nationality". */
  path?: string;
  /** True when trying again later may succeed (the service nak's instead of quarantining). */
  retryable?: boolean;
  cause?: unknown;
}

/** The one error base of Accord. Check errors by `code`, not by class. */
export class AccordError extends Error {
  override readonly name = 'AccordError';
  readonly code: AccordErrorCode;
  readonly path: string | undefined;
  readonly retryable: boolean;

  constructor(code: AccordErrorCode, message: string, options: AccordErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.retryable = options.retryable ?? false;
  }
}

export function isAccordError(error: unknown): error is AccordError {
  return error instanceof Error && error.name === 'AccordError' && typeof (error as AccordError).code === 'string';
}

/** A one-line description of any thrown value, for logs and CLI errors. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A code Accord defines: a contract reason code or an operational one (as a peer's answer carries it). */
export function isAccordErrorCode(value: string): value is AccordErrorCode {
  return isReasonCode(value) || (OPERATIONAL_CODES as readonly string[]).includes(value);
}
