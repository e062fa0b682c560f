import { v1, type CaseNotice } from '../proto/index.js';
import { planRelations, type TombstonePlan } from './plan-relations.js';
import type { RelatedNotices } from './read-related-notices.js';

export interface RelationsExplained {
  /** Each relation, and the delivered agencies it is named to (those that received or issued the notice it names). */
  relations: { kind: string; noticeId: string; namedTo: string[] }[];
  /** An update's or withdrawal's earlier recipients that would get a tombstone. */
  tombstones: TombstonePlan[];
  /** A withdrawal's: how many delivered views it would erase. */
  erasures: number;
  /** The requests to widen this notice, and what the issuer answered. */
  requests: { requestId: string; requester: string; categories: string[]; status: string }[];
}

/**
 * What relations and requests to widen add to a notice's routing, for `policy explain`:
 * the engine's rules, whatever the policy says (the register's word on the notices named).
 */
export function explainRelations(
  notice: CaseNotice,
  delivered: readonly string[],
  related: RelatedNotices,
  requests: readonly v1.WidenRecord.$Properties[],
): RelationsExplained {
  const plan = planRelations(notice, delivered, related.known, related.thread);
  return {
    relations: notice.relations.map((r) => ({
      kind: v1.RelationKind[r.kind ?? 0] ?? String(r.kind),
      noticeId: r.noticeId ?? '',
      namedTo: delivered.filter((agency) => plan.relatedFor(agency).includes(r.noticeId ?? '')),
    })),
    tombstones: plan.tombstones,
    erasures: plan.erasures.length,
    requests: requests
      .filter((w) => w.noticeId === notice.noticeId)
      .map((w) => ({
        requestId: w.requestId ?? '',
        requester: w.requester ?? '',
        categories: w.categories ?? [],
        status: (v1.WidenStatus[w.status ?? 0] ?? String(w.status)).toLowerCase(),
      })),
  };
}
