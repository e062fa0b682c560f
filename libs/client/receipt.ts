import type { JetStreamClient } from '@nats-io/jetstream';
import { officerDigest } from '../audit/index.js';
import { messageIds, subjects } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';

/** Records that an officer of the agency read a notice; the audit stream keeps it. */
export async function sendReceipt(js: JetStreamClient, agency: string, noticeId: string, officer: string): Promise<void> {
  if (!officer.trim() || officer.length > 128) throw new AccordError('E_USAGE', '--officer must name the officer in 1 to 128 characters');
  const receipt = v1.Receipt.encode({ noticeId, agency, officer, readAt: timestampFromDate(new Date()) }).finish();
  await js.publish(subjects.receiptEvents(agency), receipt, { msgID: messageIds.receipt(agency, noticeId, officerDigest(officer)) });
}
