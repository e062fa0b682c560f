import { describe, expect, test } from 'vitest';
import { assertSubmissionLimitFits } from '../../libs/ingest/index.js';

const MiB = 1024 * 1024;

describe('the submission size limit against the broker', () => {
  test('a limit below the stream and the server limits is accepted', () => {
    expect(() => assertSubmissionLimitFits(256 * 1024, { streamMaxMsgSize: MiB, serverMaxPayload: 2 * MiB })).not.toThrow();
  });

  test("a limit at or over the ingest stream's max_msg_size is refused E_CONFIG, naming both sizes and the fix", () => {
    expect(() => assertSubmissionLimitFits(MiB, { streamMaxMsgSize: MiB, serverMaxPayload: 2 * MiB })).toThrow(
      expect.objectContaining({
        code: 'E_CONFIG',
        message: expect.stringMatching(
          /ACCORD_MAX_SUBMISSION_BYTES is 1048576, but the broker refuses messages over 1048576 bytes \(the ingest stream's max_msg_size\).*set ACCORD_MAX_SUBMISSION_BYTES below 1048576/,
        ),
      }),
    );
  });

  test("the server's max_payload is named when it is the tighter limit", () => {
    expect(() => assertSubmissionLimitFits(3 * MiB, { streamMaxMsgSize: 4 * MiB, serverMaxPayload: 2 * MiB })).toThrow(
      /over 2097152 bytes \(nats-server's max_payload\)/,
    );
  });

  test('a stream without a size limit leaves the server limit to check', () => {
    expect(() => assertSubmissionLimitFits(MiB, { streamMaxMsgSize: -1, serverMaxPayload: 2 * MiB })).not.toThrow();
    expect(() => assertSubmissionLimitFits(2 * MiB, { streamMaxMsgSize: -1, serverMaxPayload: 2 * MiB })).toThrow(/max_payload/);
  });
});
