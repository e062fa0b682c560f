import type { NatsConnection } from '@nats-io/transport-node';
import { subjects, type WidenOp } from '../bus/index.js';
import { AccordError, isAccordErrorCode } from '../errors/index.js';
import { v1 } from '../proto/index.js';
import { RELEASE_TYP, signDetached, type SigningKey } from '../signing/index.js';

/** One op of requests to widen, asked of routing as `agency`; its refusal as the AccordError routing gave. */
async function ask(nc: NatsConnection, agency: string, op: WidenOp, body: Uint8Array, timeoutMs: number): Promise<v1.WidenRecord[]> {
  let answer: v1.WidenAnswer;
  try {
    answer = v1.WidenAnswer.decode((await nc.request(subjects.widenRequest(agency, op), body, { timeout: timeoutMs })).data);
  } catch (error) {
    throw new AccordError('E_UNAVAILABLE', `routing did not answer the widen ${op}: ${(error as Error).message}`, {
      retryable: true,
      cause: error,
    });
  }
  const failure = answer.error;
  if (failure?.code) {
    const code = isAccordErrorCode(failure.code) ? failure.code : 'E_STATE';
    throw new AccordError(code, failure.message ?? '', { retryable: failure.retryable ?? false });
  }
  // Decoded messages are full instances; protobufjs types repeated fields by their interface only.
  return answer.requests as v1.WidenRecord[];
}

/** An op that answers one request: the request as it now stands. */
async function askOne(nc: NatsConnection, agency: string, op: WidenOp, body: Uint8Array, timeoutMs: number): Promise<v1.WidenRecord> {
  const [record] = await ask(nc, agency, op, body, timeoutMs);
  if (!record) throw new AccordError('E_STATE', `routing answered the widen ${op} with no request`);
  return record;
}

/** A recipient asks a notice's issuer for categories it was not granted. */
export function requestWiden(
  nc: NatsConnection,
  agency: string,
  request: v1.WidenRequest.$Properties,
  timeoutMs: number,
): Promise<v1.WidenRecord> {
  return askOne(nc, agency, 'request', v1.WidenRequest.encode(request).finish(), timeoutMs);
}

/** The requests the agency made, and those addressed to it as an issuer, newest first. */
export function listWiden(nc: NatsConnection, agency: string, timeoutMs: number): Promise<v1.WidenRecord[]> {
  return ask(nc, agency, 'list', new Uint8Array(), timeoutMs);
}

/** The issuer's release: the signed release and the notice as the issuer signed it. */
export function releaseWiden(
  nc: NatsConnection,
  agency: string,
  submission: v1.ReleaseSubmission.$Properties,
  timeoutMs: number,
): Promise<v1.WidenRecord> {
  return askOne(nc, agency, 'release', v1.ReleaseSubmission.encode(submission).finish(), timeoutMs);
}

/**
 * A release sent until the bus answers it: the bus's own failures (a stage restarting) are
 * retryable, and the same bytes again deliver the supplementary view once, so it is safe
 * to send them until `deadlineMs` has passed. `onRetry` hears of each retry.
 */
export async function releaseWidenUntilAnswered(
  nc: NatsConnection,
  agency: string,
  submission: v1.ReleaseSubmission.$Properties,
  options: { attemptMs: number; deadlineMs: number; onRetry?: (error: AccordError) => void },
): Promise<v1.WidenRecord> {
  const deadline = Date.now() + options.deadlineMs;
  for (;;) {
    try {
      return await releaseWiden(nc, agency, submission, options.attemptMs);
    } catch (error) {
      if (!(error instanceof AccordError) || !error.retryable || Date.now() > deadline) throw error;
      options.onRetry?.(error);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export function refuseWiden(
  nc: NatsConnection,
  agency: string,
  refusal: v1.WidenRefusal.$Properties,
  timeoutMs: number,
): Promise<v1.WidenRecord> {
  return askOne(nc, agency, 'refuse', v1.WidenRefusal.encode(refusal).finish(), timeoutMs);
}

/** The issuer's consent, signed with its own key: this recipient, these categories, this notice, until then. */
export async function signRelease(release: v1.Release.$Properties, key: SigningKey): Promise<{ release: Uint8Array; releaseJws: string }> {
  const bytes = v1.Release.encode(release).finish();
  return { release: bytes, releaseJws: await signDetached(bytes, key, RELEASE_TYP) };
}
