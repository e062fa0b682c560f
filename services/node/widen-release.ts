import { buildRelease, pendingRequest, releaseDaysMs } from '../../libs/client/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { formatTimestamp, v1 } from '../../libs/proto/index.js';
import type { NodeAppDeps } from './node-app.js';

type ReleaseDeps = Pick<NodeAppDeps, 'agency' | 'bus' | 'submissions' | 'signingKey' | 'log'>;

/** The request `requestId` from routing's list: addressed to the agency and pending, or why not (E_NOT_FOUND, E_FORBIDDEN, E_CONFLICT). */
export async function pendingRequestOf(deps: ReleaseDeps, requestId: string): Promise<v1.WidenRecord> {
  return pendingRequest(await deps.bus.widenList(), requestId, deps.agency);
}

/**
 * Releases what a pending request addressed to the agency asks, for `days` days: signed
 * with the agency's key and sent with the notice as this node signed and kept it, which
 * only a notice published through this node has (E_NOT_FOUND otherwise). The API and the
 * console release through here.
 */
export async function releasePending(
  deps: ReleaseDeps,
  record: v1.WidenRecord,
  days: number,
  now: Date,
): Promise<{ released: v1.WidenRecord; expiresAt: string }> {
  const signedNotice = deps.submissions.kept(record.noticeId);
  if (!signedNotice) {
    throw new AccordError(
      'E_NOT_FOUND',
      `this node keeps no signed copy of notice ${record.noticeId}: only notices published through this node can be released here`,
      { path: 'params/requestId' },
    );
  }
  const submission = await buildRelease({ record, signedNotice, key: deps.signingKey, now, expiresInMs: releaseDaysMs(days) });
  const expiresAt = formatTimestamp(v1.Release.decode(submission.release ?? new Uint8Array()).expiresAt);
  const released = await deps.bus.widenRelease(submission);
  deps.log.info('released more of a notice', { noticeId: record.noticeId, recipient: record.requester });
  return { released, expiresAt };
}
