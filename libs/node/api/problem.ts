import { isAccordError, type AccordErrorCode } from '../../errors/index.js';

/** An RFC 9457 problem document, with the stable code and the offending field. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: AccordErrorCode;
  /** Where the problem is: `body/persons/0/fullName`, `query/limit`, `params/noticeId`, `headers/idempotency-key`. */
  field?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Partial<Record<AccordErrorCode, string>> = {
  E_REQUEST_INVALID: 'The request is not valid',
  E_SCHEMA: 'The notice is not valid',
  E_SUBJECT_MISMATCH: 'The notice names another issuing agency',
  E_UNAUTHENTICATED: 'Sign in or give a token',
  E_FORBIDDEN: 'Not allowed for this account or token',
  E_LOGIN_FAILED: 'Sign-in failed',
  E_RATE_LIMITED: 'Too many requests',
  E_CONFLICT: 'Conflicts with an earlier request',
  E_NOT_FOUND: 'Not found',
  E_TOO_LARGE: 'The request body is too large',
  E_UNAVAILABLE: 'The bus cannot be reached now',
  E_TIMEOUT: 'The bus did not answer in time',
  E_EXISTS: 'Already exists',
  E_USAGE: 'The request is not valid',
  E_WIDEN_INVALID: 'The request to widen is not valid',
  E_RELEASE_SIGNATURE: 'The release does not verify',
  E_RELEASE_EXPIRED: 'The release has expired',
  E_RELEASE_MISMATCH: 'The release does not match the request',
  E_RELEASE_FORBIDDEN: 'The release is not allowed',
  E_STATISTICS_INVALID: 'A statistical release from the bus does not verify',
};

const STATUS: Partial<Record<AccordErrorCode, number>> = {
  E_REQUEST_INVALID: 400,
  E_USAGE: 400,
  E_WIDEN_INVALID: 400,
  E_RELEASE_SIGNATURE: 400,
  E_RELEASE_EXPIRED: 400,
  E_RELEASE_MISMATCH: 400,
  E_RELEASE_FORBIDDEN: 400,
  E_UNAUTHENTICATED: 401,
  E_LOGIN_FAILED: 401,
  E_FORBIDDEN: 403,
  E_SUBJECT_MISMATCH: 403,
  E_NOT_FOUND: 404,
  E_CONFLICT: 409,
  E_EXISTS: 409,
  E_TOO_LARGE: 413,
  E_RATE_LIMITED: 429,
  // What the bus gave cannot be trusted or read: the node is a gateway to it.
  E_STATISTICS_INVALID: 502,
  E_UNAVAILABLE: 503,
  E_TIMEOUT: 504,
};

export function problem(code: AccordErrorCode, detail: string, field?: string, status?: number): Problem {
  // A notice that fails its checks (E_SCHEMA, E_LIMIT_EXCEEDED...) is well-formed JSON the node cannot take: 422.
  const resolved = status ?? STATUS[code] ?? (code.startsWith('E_') && !code.includes('UNAVAILABLE') ? 422 : 500);
  return {
    type: `urn:accord:problem:${code}`,
    title: TITLES[code] ?? 'The notice cannot be taken',
    status: resolved,
    detail,
    code,
    ...(field !== undefined ? { field } : {}),
  };
}

/** A notice's path (`persons[1].fullName`) as a field of the request (`body/persons/1/fullName`); a request part's path as is. */
function fieldOf(path: string): string {
  if (/^(?:body|query|params|headers)(?:\/|$)/.test(path)) return path;
  return `body/${path.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`;
}

/** A thrown error as a problem: Accord's errors keep their code and path; anything else is a 500 that says nothing more. */
export function problemFromError(error: unknown): Problem {
  if (isAccordError(error)) {
    const field = error.path === undefined ? undefined : fieldOf(error.path);
    return problem(error.code, error.message, field);
  }
  return problem('E_PROCESSING_FAILED', 'the node failed to process the request; its log says why', undefined, 500);
}
