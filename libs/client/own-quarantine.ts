import type { NatsConnection } from '@nats-io/transport-node';
import { subjects } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';
import type { QuarantineFilter } from './quarantine-reader.js';

/** An adapter's own quarantined submissions (reasons, not bytes), asked of ingest page by page. */
export async function listOwnQuarantine(
  nc: NatsConnection,
  agency: string,
  filter: Omit<QuarantineFilter, 'agency'>,
): Promise<v1.QuarantineRecord[]> {
  const out: v1.QuarantineRecord[] = [];
  let after = 0;
  do {
    const query: v1.QuarantineQuery.$Properties = { afterStreamSeq: after, limit: 500 };
    if (filter.code) query.code = filter.code;
    if (filter.since) query.since = timestampFromDate(filter.since);
    const reply = await nc.request(subjects.adapterRequest(agency, 'quarantine'), v1.QuarantineQuery.encode(query).finish(), {
      timeout: 10_000,
    });
    const page = v1.QuarantinePage.decode(reply.data);
    if (page.error) throw new AccordError('E_UNAVAILABLE', `ingest: ${page.error}; try again`);
    out.push(...page.records.map((r) => v1.QuarantineRecord.create(r)));
    after = Number(page.nextAfterStreamSeq);
  } while (after > 0);
  return out;
}
