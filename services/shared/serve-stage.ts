import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { errorMessage } from '../../libs/errors/index.js';
import type { Logger } from '../../libs/log/index.js';
import type { AuditEventProps } from '../../libs/proto/index.js';
import { errorReply, okReply } from './stage-reply.js';

/**
 * Answers a stage's requests (accord.svc.*) in a queue group, so instances share the work:
 * each reply carries the stage's audit events, or its error with whether to retry.
 */
export function serveStage(
  nc: NatsConnection,
  subject: string,
  queue: string,
  log: Logger,
  handle: (request: Uint8Array) => Promise<AuditEventProps[]>,
): Subscription {
  return nc.subscribe(subject, {
    queue,
    callback: (error, msg) => {
      if (error) return;
      handle(msg.data).then(
        (events) => msg.respond(okReply(events)),
        (failure: unknown) => {
          log.warn(`${queue} failed`, { error: errorMessage(failure) });
          msg.respond(errorReply(failure));
        },
      );
    },
  });
}
