import type { NatsConnection } from '@nats-io/transport-node';
import { chunksWithin, MicroBatcher } from '../../libs/batching/index.js';
import { AccordError, errorMessage } from '../../libs/errors/index.js';
import { v1 } from '../../libs/proto/index.js';

/** Notices sent to a stage in one batch at most. */
const MAX_BATCH = 64;
/** Bytes per request at most, well under the server's max_payload (2 MB): a batch of big notices goes as several requests. */
const MAX_REQUEST_BYTES = 768 * 1024;

export interface StageCodec<I> {
  encodeBatch: (items: I[]) => Uint8Array;
  /** About how many bytes the item adds to a request. */
  sizeOf: (item: I) => number;
}

/**
 * Requests to the next stage, batched: what is submitted in the same turn of the event loop
 * goes in one request (or a few, by size), and each caller gets its own notice's reply.
 */
export function stageClient<I>(
  nc: NatsConnection,
  subject: string,
  codec: StageCodec<I>,
  timeoutMs: number,
): MicroBatcher<I, v1.StageReply> {
  return new MicroBatcher(async (items) => {
    const replies = await Promise.all(
      chunksWithin(items, codec.sizeOf, MAX_REQUEST_BYTES).map((chunk) =>
        request(nc, subject, codec.encodeBatch(chunk), chunk.length, timeoutMs),
      ),
    );
    return replies.flat();
  }, MAX_BATCH);
}

/**
 * One request and its replies. Any failure of the exchange (no responder, a timeout, a
 * reply that is not one per notice) is retryable: the stage may have done its work, or
 * part of it, and doing it again is idempotent.
 */
async function request(nc: NatsConnection, subject: string, data: Uint8Array, count: number, timeoutMs: number): Promise<v1.StageReply[]> {
  try {
    // Decoded messages are full instances; protobufjs types repeated fields by their interface only.
    const replies = v1.StageReplies.decode((await nc.request(subject, data, { timeout: timeoutMs })).data).replies as v1.StageReply[];
    if (replies.length !== count) throw new Error(`${count} notices answered with ${replies.length} replies`);
    return replies;
  } catch (error) {
    throw new AccordError('E_UNAVAILABLE', `${subject}: ${errorMessage(error)}`, { retryable: true, cause: error });
  }
}

/** Bytes an accepted notice takes in a request: its signed parts. */
export function acceptedNoticeSize(n: v1.AcceptedNotice.$Properties): number {
  const parts = (list: readonly Uint8Array[] | null | undefined): number => (list ?? []).reduce((a, d) => a + d.length + 4, 0);
  return (
    (n.manifest?.length ?? 0) +
    (n.manifestJws?.length ?? 0) +
    parts(n.disclosures) +
    (n.protectedManifest?.length ?? 0) +
    (n.protectedJws?.length ?? 0) +
    parts(n.protectedDisclosures) +
    64
  );
}
