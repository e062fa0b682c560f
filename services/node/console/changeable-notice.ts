import { isAccordError } from '../../../libs/errors/index.js';
import { keptNotice } from '../../../libs/node/index.js';
import { v1 } from '../../../libs/proto/index.js';
import type { NodeAppDeps } from '../node-app.js';

/**
 * Whether the console offers a new version and a withdrawal of one of the agency's notices:
 * the node keeps its signed copy (published through it and not refused) and it is no
 * withdrawal, which nothing follows. Whether it is still the latest version, and not
 * withdrawn already, ingest checks (E_RELATION), and the decision says.
 */
export function isChangeable(deps: Pick<NodeAppDeps, 'submissions' | 'log'>, noticeId: string): boolean {
  try {
    const kept = keptNotice(deps.submissions, noticeId);
    return kept !== undefined && !kept.relations.some((r) => r.kind === v1.RelationKind.WITHDRAWAL);
  } catch (error) {
    // A kept copy that does not open offers nothing to start from; the sent page still shows the rest.
    if (!isAccordError(error)) throw error;
    deps.log.warn('the kept copy of a sent notice does not open', { noticeId, code: error.code });
    return false;
  }
}
