import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { parseSubject, subjects } from '../../libs/bus/index.js';
import { errorMessage } from '../../libs/errors/index.js';
import type { Logger } from '../../libs/log/index.js';
import type { CompiledPolicy } from '../../libs/policy/index.js';
import { v1 } from '../../libs/proto/index.js';
import type { RegistrySnapshot } from '../../libs/registry/index.js';
import { agencyDirectory, previewDraft } from '../../libs/routing/index.js';

/**
 * Answers an agency's node before it sends: its draft explained under the running policy,
 * and the directory of agencies it may address. The agency is the subject's, which the
 * broker lets only that agency's node publish on; the draft is never logged (it is
 * personal data).
 */
export function servePreviews(nc: NatsConnection, registry: RegistrySnapshot, policy: () => CompiledPolicy, log: Logger): Subscription {
  return nc.subscribe(subjects.previewRequestsAll, {
    queue: 'routing',
    callback: (error, msg) => {
      if (error) return;
      const request = parseSubject.previewRequest(msg.subject);
      if (!request) {
        log.warn('preview request refused: not a subject of a preview', { subject: msg.subject });
        msg.respond(v1.DraftPreview.encode({ error: { code: 'E_REQUEST_INVALID', message: 'the subject names no preview' } }).finish());
        return;
      }
      if (request.what === 'directory') {
        msg.respond(v1.AgencyDirectory.encode(agencyDirectory(registry.agencies())).finish());
        return;
      }
      let preview: v1.DraftPreview.$Properties;
      try {
        preview = previewDraft(msg.data, request.agency, registry, policy());
      } catch (failure) {
        log.warn('preview failed', { agency: request.agency, error: errorMessage(failure) });
        preview = { error: { code: 'E_PROCESSING_FAILED', message: 'the draft could not be explained; try again', retryable: true } };
      }
      msg.respond(v1.DraftPreview.encode(preview).finish());
    },
  });
}
