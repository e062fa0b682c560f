import { AccordError } from '../errors/index.js';

/** The sizes the broker refuses above, before ingest can see a message. */
export interface BrokerSizeLimits {
  /** The ingest stream's max_msg_size; -1 or 0 when the stream sets none. */
  streamMaxMsgSize: number;
  /** nats-server's max_payload, as the server announced it to this connection. */
  serverMaxPayload: number;
}

/**
 * Ingest quarantines an oversize submission E_TOO_LARGE only if the broker carries it to
 * ingest: the size limit must be below what the ingest stream and the server accept, or
 * submissions between the two sizes would be refused at the broker with no quarantine
 * record. Throws E_CONFIG naming both sizes and the fix.
 */
export function assertSubmissionLimitFits(maxSubmissionBytes: number, broker: BrokerSizeLimits): void {
  const refusedAbove = [
    { bytes: broker.streamMaxMsgSize, what: "the ingest stream's max_msg_size" },
    { bytes: broker.serverMaxPayload, what: "nats-server's max_payload" },
  ].filter((limit) => limit.bytes > 0 && maxSubmissionBytes >= limit.bytes);
  const tightest = refusedAbove.sort((a, b) => a.bytes - b.bytes)[0];
  if (!tightest) return;
  throw new AccordError(
    'E_CONFIG',
    `ACCORD_MAX_SUBMISSION_BYTES is ${maxSubmissionBytes}, but the broker refuses messages over ${tightest.bytes} bytes (${tightest.what}), ` +
      'so larger submissions would be refused there without a quarantine record; ' +
      `set ACCORD_MAX_SUBMISSION_BYTES below ${tightest.bytes}, or raise the stream's max_msg_size and the server's max_payload above it first`,
  );
}
