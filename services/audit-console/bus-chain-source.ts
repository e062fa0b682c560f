import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ChainSource } from '../../libs/audit-console/index.js';
import { readAuditRecords } from '../../libs/client/index.js';
import { AccordError, errorMessage, isAccordError } from '../../libs/errors/index.js';

/**
 * The audit chain as the auditor's connection reads it: the whole stream, from record 0,
 * each time it is asked (no copy is kept between pages). A read that fails (the bus away,
 * a stalled read) is E_UNAVAILABLE: the page says so and a reload tries again.
 */
export function busChainSource(nc: NatsConnection): ChainSource {
  const js = jetstream(nc);
  return async (onRecord, onProgress) => {
    try {
      const jsm = await jetstreamManager(nc, { checkAPI: false });
      await readAuditRecords(js, jsm, onRecord, ({ read, pending }) => onProgress?.(read / (read + pending)));
    } catch (error) {
      if (isAccordError(error) && error.code === 'E_UNAVAILABLE') throw error;
      throw new AccordError('E_UNAVAILABLE', `reading the audit stream failed: ${errorMessage(error)}`, { cause: error, retryable: true });
    }
  };
}
