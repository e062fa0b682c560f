import type { NatsConnection } from '@nats-io/transport-node';
import { subjects } from '../bus/index.js';
import { encodeNotice } from '../notice/index.js';
import { v1, type CaseNoticeProps } from '../proto/index.js';

/** Asks routing what the running policy would give each agency for one of the agency's own drafts (nothing is sent). */
export async function askPreview(nc: NatsConnection, agency: string, draft: CaseNoticeProps, timeoutMs: number): Promise<v1.DraftPreview> {
  const reply = await nc.request(subjects.previewRequest(agency, 'explain'), encodeNotice(draft), { timeout: timeoutMs });
  return v1.DraftPreview.decode(reply.data);
}

/** The agencies registered on the bus, for choosing addressees. */
export async function askDirectory(nc: NatsConnection, agency: string, timeoutMs: number): Promise<v1.DirectoryEntry[]> {
  const reply = await nc.request(subjects.previewRequest(agency, 'directory'), new Uint8Array(), { timeout: timeoutMs });
  // Decoded messages are full instances; protobufjs types repeated fields by their interface only.
  return v1.AgencyDirectory.decode(reply.data).agencies as v1.DirectoryEntry[];
}
