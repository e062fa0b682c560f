import { randomBytes } from 'node:crypto';
import { jetstream, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DEFAULT_BUS_SETTINGS, streamConfigs, streams } from '../libs/bus/index.js';

const STREAM = 'BENCH_RAW';
const SUBJECT = 'bench.raw';

export interface RawPublishOptions {
  messages: number;
  /** Publishes awaiting their ack at any time (a sliding window, not waves). */
  inFlight: number;
  messageBytes: number;
}

/**
 * The broker's own limit, the baseline the pipeline is compared with: publish-with-ack of
 * `messageBytes` messages from one Node process onto a stream configured as Accord's
 * ingest stream (file storage, same replicas, dedup window and discard policy), each with
 * a Nats-Msg-Id as every Accord write has. The stream is removed afterwards.
 */
export async function rawJetStreamPublishPerSec(nc: NatsConnection, jsm: JetStreamManager, options: RawPublishOptions): Promise<number> {
  const ingest = streamConfigs(DEFAULT_BUS_SETTINGS).find((c) => c.name === streams.ingest);
  const replicas = (await jsm.streams.info(streams.ingest)).config.num_replicas;
  await jsm.streams.add({ ...ingest, name: STREAM, subjects: [SUBJECT], num_replicas: replicas });
  try {
    const js = jetstream(nc);
    const payload = randomBytes(options.messageBytes);
    let next = 0;
    const start = performance.now();
    const lane = async (): Promise<void> => {
      while (next < options.messages) {
        const i = next++;
        await js.publish(SUBJECT, payload, { msgID: `raw/${i}` });
      }
    };
    await Promise.all(Array.from({ length: options.inFlight }, lane));
    return options.messages / ((performance.now() - start) / 1000);
  } finally {
    await jsm.streams.delete(STREAM);
  }
}
