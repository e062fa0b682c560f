import { AccordError } from '../../libs/errors/index.js';
import type { NodeViewStore, SubmissionStore } from '../../libs/node/index.js';

/**
 * What the node knows of the notices a reply, an update or a withdrawal names, so that it
 * refuses at its door what ingest would refuse (E_RELATION) for want of them: a reply
 * answers a notice this node received, an update or a withdrawal is of a notice it sent.
 */

/** A notice this node received and holds, as a reply needs it; undefined for one it never received, or whose content a withdrawal deleted. */
export function receivedNotice(views: NodeViewStore, noticeId: string): { issuer: string; caseRef: string } | undefined {
  const core = views.latest(noticeId)?.view.core as { issuingAgency?: unknown; caseRef?: unknown } | undefined;
  const issuer = core?.issuingAgency;
  if (typeof issuer !== 'string' || issuer === '') return undefined;
  return { issuer, caseRef: typeof core?.caseRef === 'string' ? core.caseRef : '' };
}

/** Whether the notice is one of the agency's, submitted through this node and not refused (pending or accepted). */
export function sentThroughNode(submissions: SubmissionStore, noticeId: string): boolean {
  return submissions.kept(noticeId) !== undefined || submissions.find(noticeId)?.status === 'accepted';
}

/** The issuer a reply to the notice is addressed to; E_NOT_FOUND, naming `field`, when the node holds no such notice. */
export function replyAddressee(views: NodeViewStore, noticeId: string, field: string): string {
  const issuer = receivedNotice(views, noticeId)?.issuer;
  if (issuer === undefined)
    throw new AccordError('E_NOT_FOUND', `notice ${noticeId} is not one this node received and holds: a reply answers a notice received`, {
      path: field,
    });
  return issuer;
}

/** E_NOT_FOUND, naming `field`, unless the notice is one this node sent: only those are updated or withdrawn through it. */
export function assertSentThroughNode(submissions: SubmissionStore, noticeId: string, field: string): void {
  if (!sentThroughNode(submissions, noticeId))
    throw new AccordError(
      'E_NOT_FOUND',
      `notice ${noticeId} is not one this node published (or ingest refused it): only those are updated or withdrawn through it`,
      { path: field },
    );
}
