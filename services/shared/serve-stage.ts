import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { errorMessage } from '../../libs/errors/index.js';
import type { Logger } from '../../libs/log/index.js';
import { v1, type AuditEventProps } from '../../libs/proto/index.js';
import { stageReply } from './stage-reply.js';

/**
 * Answers a stage's batched requests (accord.svc.*) in a queue group, so instances share
 * the work: the notices of a batch are handled concurrently, and the reply carries, for
 * each in order, its audit events or its error with whether to retry.
 */
export function serveStage<T>(
  nc: NatsConnection,
  subject: string,
  queue: string,
  log: Logger,
  decodeBatch: (data: Uint8Array) => T[],
  handle: (item: T) => Promise<AuditEventProps[]>,
): Subscription {
  return nc.subscribe(subject, {
    queue,
    callback: (error, msg) => {
      if (error) return;
      let items: T[];
      try {
        items = decodeBatch(msg.data);
      } catch (failure) {
        // An empty answer fails the whole batch at the requester, which retries it.
        log.warn(`${queue}: undecodable batch`, { error: errorMessage(failure) });
        msg.respond(v1.StageReplies.encode({}).finish());
        return;
      }
      void Promise.allSettled(items.map((item) => handle(item))).then((outcomes) => {
        for (const o of outcomes) if (o.status === 'rejected') log.warn(`${queue} failed`, { error: errorMessage(o.reason) });
        msg.respond(v1.StageReplies.encode({ replies: outcomes.map(stageReply) }).finish());
      });
    },
  });
}
