import { createHash } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { v1, type AuditEventProps } from '../proto/index.js';
import { messageIds } from './message-ids.js';
import { subjects } from './subjects.js';

/**
 * Events that belong to no submission (a service started, a key added) go to the audit
 * writer as one batch, deduplicated by the broker on the ids it holds.
 */
export async function publishServiceEvents(js: JetStreamClient, service: string, events: readonly AuditEventProps[]): Promise<void> {
  const ids = createHash('sha256');
  for (const e of events) ids.update(`${e.eventId ?? ''}\n`);
  await js.publish(subjects.serviceEvents(service), v1.AuditEventBatch.encode({ events: [...events] }).finish(), {
    msgID: messageIds.serviceEvents(service, ids.digest('base64url')),
  });
}
