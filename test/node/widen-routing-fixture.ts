import { AccordError, type AccordErrorCode } from '../../libs/errors/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import type { NodeBus } from '../../services/node/node-bus.js';

export type WidenOp = 'list' | 'request' | 'release' | 'refuse';

/** Routing's widen ops as a node's tests see them: what it was asked, what it answers, or its refusal of an op. */
export interface WidenRouting {
  records: v1.WidenRecord[];
  asked: v1.WidenRequest.$Properties[];
  released: v1.ReleaseSubmission.$Properties[];
  refused: v1.WidenRefusal.$Properties[];
  refusals: Partial<Record<WidenOp, AccordErrorCode>>;
  /** The NodeBus widen methods over this state. */
  ops: Pick<NodeBus, 'widenList' | 'widenRequest' | 'widenRelease' | 'widenRefuse'>;
}

/** A request addressed to `issuer` about `noticeId` by pt-police, pending unless told otherwise. */
export function widenRecord(
  issuer: string,
  noticeId: string,
  requestId: string,
  overrides: Partial<v1.WidenRecord.$Properties> = {},
): v1.WidenRecord {
  return v1.WidenRecord.create({
    requestId,
    noticeId,
    requester: 'pt-police',
    issuer,
    categories: ['smuggler.identity', 'financial'],
    reason: 'The same skipper is in our case PT-9.',
    status: v1.WidenStatus.PENDING,
    requestedAt: timestampFromDate(new Date('2026-12-03T09:00:00Z')),
    ...overrides,
  });
}

/** Routing, faked for the node's widen routes; `record` makes the requests it answers with. */
export function fakeWidenRouting(agency: string, record: (overrides: Partial<v1.WidenRecord.$Properties>) => v1.WidenRecord): WidenRouting {
  const routing: WidenRouting = {
    records: [],
    asked: [],
    released: [],
    refused: [],
    refusals: {},
    ops: {
      widenList: () => answer('list', () => routing.records),
      widenRequest: (request) =>
        answer('request', () => {
          routing.asked.push(request);
          return record({ ...request, requester: agency, issuer: 'pt-police' });
        }),
      widenRelease: (submission) =>
        answer('release', () => {
          routing.released.push(submission);
          const release = v1.Release.decode(submission.release ?? new Uint8Array());
          return record({ requestId: release.requestId, status: v1.WidenStatus.RELEASED, deliverySeq: 41 });
        }),
      widenRefuse: (refusal) =>
        answer('refuse', () => {
          routing.refused.push(refusal);
          return record({ requestId: refusal.requestId ?? '', status: v1.WidenStatus.REFUSED, refusal: refusal.refusal ?? '' });
        }),
    },
  };
  function answer<T>(op: WidenOp, value: () => T): Promise<T> {
    const code = routing.refusals[op];
    return code ? Promise.reject(new AccordError(code, `routing says ${code}`)) : Promise.resolve(value());
  }
  return routing;
}
