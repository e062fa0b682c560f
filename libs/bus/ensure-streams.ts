import { JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import { AccordError } from '../errors/index.js';
import type { BusSettings } from './bus-settings.js';
import {
  APPEND_ONLY_STREAMS,
  checkpointConsumerConfig,
  inboxConsumerConfig,
  nodeConsumerConfig,
  serviceConsumerConfigs,
  streamConfigs,
} from './stream-configs.js';
import { consumers, streams } from './names.js';

function isNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.status === 404;
}

/**
 * Creates the bus's streams and service consumers, or brings existing ones up to date;
 * the append-only ones are only ever created (changing them takes the offline admin).
 */
export async function ensureStreams(jsm: JetStreamManager, settings: BusSettings): Promise<void> {
  for (const config of streamConfigs(settings)) {
    try {
      await jsm.streams.info(config.name);
      if (!APPEND_ONLY_STREAMS.includes(config.name)) await jsm.streams.update(config.name, config);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await jsm.streams.add(config);
    }
  }
  for (const { stream, config } of serviceConsumerConfigs(settings)) {
    await jsm.consumers.add(stream, config);
  }
}

/** An agency's consumers: its deliveries, and the audit checkpoints it keeps. */
export async function ensureInboxConsumer(jsm: JetStreamManager, agency: string, settings: BusSettings): Promise<void> {
  await jsm.consumers.add(streams.deliveries, inboxConsumerConfig(agency, settings));
  await jsm.consumers.add(streams.checkpoints, checkpointConsumerConfig(agency, settings));
}

/** An agency node's own consumer of the agency's deliveries (`agency node-access`). */
export async function ensureNodeConsumer(jsm: JetStreamManager, agency: string, settings: BusSettings): Promise<void> {
  await jsm.consumers.add(streams.deliveries, nodeConsumerConfig(agency, settings));
  await jsm.consumers.add(streams.checkpoints, checkpointConsumerConfig(agency, settings, consumers.nodeCheckpoints(agency)));
}

/**
 * A service checks at start-up that what it needs exists, and names what is missing
 * rather than creating it: creating streams is the operator's act (`stack up`).
 */
export async function requireStreams(jsm: JetStreamManager, needed: { stream: string; consumer?: string }[]): Promise<void> {
  const missing: string[] = [];
  for (const { stream, consumer } of needed) {
    try {
      if (consumer) await jsm.consumers.info(stream, consumer);
      else await jsm.streams.info(stream);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      missing.push(consumer ? `consumer ${consumer} on stream ${stream}` : `stream ${stream}`);
    }
  }
  if (missing.length > 0) {
    throw new AccordError('E_STATE', `missing on the bus: ${missing.join(', ')} (run \`accord stack up\` to create them)`);
  }
}
