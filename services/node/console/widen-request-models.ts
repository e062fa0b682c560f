import { RELEASE_DAYS, WIDEN_TEXT_MAX_CHARS } from '../../../libs/client/index.js';
import { noticePath, sentPath, type RequestsModel, type Role, type WidenLimits, type WidenRow } from '../../../libs/console/index.js';
import { errorMessage } from '../../../libs/errors/index.js';
import { formatTimestamp, v1 } from '../../../libs/proto/index.js';
import type { NodeAppDeps } from '../node-app.js';

/**
 * The console's models of requests to widen, from routing's list (asked over the bus each
 * time: routing keeps them) and the node's stores (which notices it holds or published).
 */

type Deps = Pick<NodeAppDeps, 'agency' | 'bus' | 'views' | 'submissions' | 'log'>;

/** The forms' limits, as the bus and the API hold them. */
export const WIDEN_LIMITS: WidenLimits = { reasonMax: WIDEN_TEXT_MAX_CHARS, releaseDays: RELEASE_DAYS };

const STATUS: Partial<Record<v1.WidenStatus, WidenRow['status']>> = {
  [v1.WidenStatus.RELEASED]: 'RELEASED',
  [v1.WidenStatus.REFUSED]: 'REFUSED',
};

/** Routing's list, or undefined (the pages say so) when the bus does not answer. */
async function widenList(deps: Deps): Promise<v1.WidenRecord[] | undefined> {
  try {
    return await deps.bus.widenList();
  } catch (error) {
    deps.log.warn('the requests to widen could not be read', { error: errorMessage(error) });
    return undefined;
  }
}

/**
 * One request as the pages show it. Its notice links to the page the officer can open: a
 * request the agency made, to the notice it received; one addressed to it, to the sent
 * notice's page, which only a supervisor has.
 */
function rowOf(deps: Deps, r: v1.WidenRecord, role: Role): WidenRow {
  const status = STATUS[r.status] ?? 'PENDING';
  const incoming = r.issuer === deps.agency;
  const held = !incoming && (deps.views.latest(r.noticeId) !== undefined || deps.views.withdrawal(r.noticeId) !== undefined);
  const noticeHref = held ? noticePath(r.noticeId) : incoming && role === 'supervisor' ? sentPath(r.noticeId) : undefined;
  return {
    requestId: r.requestId,
    noticeId: r.noticeId,
    requester: r.requester,
    issuer: r.issuer,
    categories: [...r.categories],
    reason: r.reason,
    status,
    requestedAt: r.requestedAt ? formatTimestamp(r.requestedAt) : '',
    ...(r.decidedAt ? { decidedAt: formatTimestamp(r.decidedAt) } : {}),
    ...(status === 'REFUSED' ? { refusal: r.refusal } : {}),
    ...(noticeHref ? { noticeHref } : {}),
    ...(incoming && status === 'PENDING' ? { releasable: deps.submissions.kept(r.noticeId) !== undefined } : {}),
  };
}

/** The Requests page's lists: those addressed to the agency as an issuer, and its own. */
export async function requestListsOf(deps: Deps, role: Role): Promise<RequestsModel['lists']> {
  const records = await widenList(deps);
  if (!records) return undefined;
  return {
    incoming: records.filter((r) => r.issuer === deps.agency).map((r) => rowOf(deps, r, role)),
    outgoing: records.filter((r) => r.requester === deps.agency).map((r) => rowOf(deps, r, role)),
  };
}

/** The agency's own requests about one notice, for its page. */
export async function noticeRequestsOf(deps: Deps, noticeId: string, role: Role): Promise<WidenRow[] | undefined> {
  const records = await widenList(deps);
  const id = noticeId.toLowerCase();
  return records?.filter((r) => r.requester === deps.agency && r.noticeId.toLowerCase() === id).map((r) => rowOf(deps, r, role));
}
