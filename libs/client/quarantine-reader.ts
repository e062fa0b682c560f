import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { streams, subjects } from '../bus/index.js';
import { dateFromTimestamp, v1 } from '../proto/index.js';
import { readStream } from './read-stream.js';

export interface QuarantineFilter {
  agency?: string;
  code?: string;
  since?: Date;
}

/** Quarantined submissions, oldest first, filtered by agency, reason code and time. */
export async function listQuarantine(js: JetStreamClient, jsm: JetStreamManager, filter: QuarantineFilter): Promise<v1.QuarantineRecord[]> {
  const out: v1.QuarantineRecord[] = [];
  const filterSubject = filter.agency ? subjects.quarantine(filter.agency) : subjects.quarantineAll;
  await readStream(js, jsm, streams.quarantine, { filterSubject }, (msg) => {
    const record = v1.QuarantineRecord.decode(msg.data);
    if (filter.code && record.code !== filter.code) return;
    if (filter.since && dateFromTimestamp(record.quarantinedAt) < filter.since) return;
    out.push(record);
  });
  return out;
}
