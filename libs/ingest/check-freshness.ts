import type { ReasonCode } from '../errors/index.js';
import { dateFromTimestamp, type Timestamp } from '../proto/index.js';
import type { FreshnessWindow } from './ingest-limits.js';

/**
 * issuedAt against the moment the submission reached the bus (its JetStream timestamp),
 * not the moment ingest got to it: a backlog after an outage is not stale.
 */
export function checkFreshness(
  issuedAt: Timestamp,
  receivedAt: Timestamp,
  window: FreshnessWindow,
): { code: ReasonCode; message: string } | undefined {
  const issued = dateFromTimestamp(issuedAt).getTime();
  const received = dateFromTimestamp(receivedAt).getTime();
  if (Number.isNaN(issued) || issued < received - window.pastMs) {
    return {
      code: 'E_STALE',
      message: `issuedAt is ${Math.round((received - issued) / 1000)} s before the submission reached the bus; at most ${window.pastMs / 1000} s are accepted`,
    };
  }
  if (issued > received + window.futureMs) {
    return {
      code: 'E_FUTURE',
      message: `issuedAt is ${Math.round((issued - received) / 1000)} s after the submission reached the bus; at most ${window.futureMs / 1000} s are accepted`,
    };
  }
  return undefined;
}
