import type { NatsConnection } from '@nats-io/transport-node';
import { subjects } from '../bus/index.js';
import { v1 } from '../proto/index.js';

/** Asks the audit service what became of a notice the agency issued (only the issuer may ask). */
export async function trackNotice(nc: NatsConnection, agency: string, noticeId: string, timeoutMs: number): Promise<v1.TrackReport> {
  const reply = await nc.request(subjects.track(agency), v1.TrackQuery.encode({ noticeId }).finish(), { timeout: timeoutMs });
  return v1.TrackReport.decode(reply.data);
}
