import { JetStreamApiError } from '@nats-io/jetstream';

/** JetStream's answers to a write whose expected last sequence no longer holds (known to the stream, and not). */
const WRONG_LAST_SEQUENCE = [10071, 10164];

/**
 * Another writer came first: a KV update or create under a revision that is no longer the
 * last, or a publish expecting a subject to be empty that is not.
 */
export function isWriteConflict(error: unknown): boolean {
  return error instanceof JetStreamApiError && WRONG_LAST_SEQUENCE.includes(error.code);
}
