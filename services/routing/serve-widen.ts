import type { Msg, Subscription } from '@nats-io/transport-node';
import { parseSubject, publishServiceEvents, subjects, type WidenOp } from '../../libs/bus/index.js';
import { AccordError, errorMessage, isAccordError } from '../../libs/errors/index.js';
import { isNoticeId } from '../../libs/notice/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import { admitWidenRequest, checkWidenText } from '../../libs/routing/index.js';
import { changed, issuersRequest, widenEvent, type WidenDeps } from './widen-deps.js';
import { release } from './release-widen.js';

export type { WidenDeps } from './widen-deps.js';

/**
 * Requests to widen, for the agency of the subject (which the broker lets only that
 * agency's adapter and node publish on): a recipient asks, the issuer lists, releases or
 * refuses. Each change is kept (KV accord-widen) and recorded in the audit stream; a
 * release is checked against the issuer's own signatures and the engine's rules, then
 * delivered as a supplementary view. Every op can be asked again with the same bytes: the
 * same answer, nothing stored twice, its audit record sent again (in case it was lost).
 * Reasons are never logged.
 */
export function serveWiden(deps: WidenDeps): Subscription {
  return deps.nc.subscribe(subjects.widenRequestsAll, {
    queue: 'routing',
    callback: (error, msg) => {
      if (error) return;
      answer(deps, msg).catch((failure: unknown) => deps.log.error('widen answer not sent', { error: errorMessage(failure) }));
    },
  });
}

async function answer(deps: WidenDeps, msg: Msg): Promise<void> {
  const asked = parseSubject.widenRequest(msg.subject);
  let reply: v1.WidenAnswer.$Properties;
  try {
    if (!asked) throw new AccordError('E_REQUEST_INVALID', 'the subject names no widen op');
    reply = { requests: await perform(deps, asked.agency, asked.op, msg.data) };
  } catch (failure) {
    const known = isAccordError(failure);
    if (!known || failure.retryable) deps.log.warn('widen op failed', { agency: asked?.agency, error: errorMessage(failure) });
    reply = {
      error: known
        ? { code: failure.code, message: failure.message, retryable: failure.retryable }
        : { code: 'E_UNAVAILABLE', message: 'the bus could not answer; try again', retryable: true },
    };
  }
  msg.respond(v1.WidenAnswer.encode(reply).finish());
}

function decoded<T>(decode: () => T, what: string): T {
  try {
    return decode();
  } catch (error) {
    throw new AccordError('E_REQUEST_INVALID', `not an accord.v1.${what}: ${errorMessage(error)}`, { cause: error });
  }
}

async function perform(deps: WidenDeps, agency: string, op: WidenOp, data: Uint8Array): Promise<v1.WidenRecord.$Properties[]> {
  switch (op) {
    case 'request':
      return [
        await request(
          deps,
          agency,
          decoded(() => v1.WidenRequest.decode(data), 'WidenRequest'),
        ),
      ];
    case 'list':
      return (await deps.book.all())
        .filter((r) => r.requester === agency || r.issuer === agency)
        .sort((a, b) => Number(b.requestedAt?.seconds ?? 0) - Number(a.requestedAt?.seconds ?? 0));
    case 'refuse':
      return [
        await refuse(
          deps,
          agency,
          decoded(() => v1.WidenRefusal.decode(data), 'WidenRefusal'),
        ),
      ];
    case 'release':
      return [
        await release(
          deps,
          agency,
          decoded(() => v1.ReleaseSubmission.decode(data), 'ReleaseSubmission'),
        ),
      ];
  }
}

async function request(deps: WidenDeps, requester: string, asked: v1.WidenRequest): Promise<v1.WidenRecord.$Properties> {
  if (!isNoticeId(asked.requestId)) throw new AccordError('E_WIDEN_INVALID', 'requestId: expected a UUID chosen by the requester');
  if (!isNoticeId(asked.noticeId)) throw new AccordError('E_WIDEN_INVALID', 'noticeId: expected a UUID');
  const existing = await deps.book.get(asked.requestId);
  let record: v1.WidenRecord.$Properties;
  if (existing) {
    const same = existing.record.requester === requester && existing.record.noticeId === asked.noticeId;
    if (!same) throw new AccordError('E_CONFLICT', `request id ${asked.requestId} is taken: choose another`);
    record = existing.record;
  } else {
    record = admitWidenRequest(asked, requester, await deps.register.read(asked.noticeId), new Date());
    await deps.book.create(record);
    deps.log.info('widen requested', { noticeId: record.noticeId ?? '', agency: requester, recipient: record.issuer ?? '' });
  }
  // The reason stays with the request, for the issuer: the audit stream holds who asked what of whom, never words.
  await publishServiceEvents(deps.js, 'routing', [widenEvent(v1.AuditKind.WIDEN_REQUESTED, record)]);
  return record;
}

async function refuse(deps: WidenDeps, issuer: string, refusal: v1.WidenRefusal): Promise<v1.WidenRecord.$Properties> {
  const { record, revision } = await issuersRequest(deps, issuer, refusal.requestId);
  let refused: v1.WidenRecord.$Properties = record;
  if (record.status !== v1.WidenStatus.REFUSED) {
    if (record.status !== v1.WidenStatus.PENDING)
      throw new AccordError('E_CONFLICT', `request ${record.requestId} was released, or is being released`);
    const words = checkWidenText(refusal.refusal, 'the refusal', { required: false });
    refused = changed(record, { status: v1.WidenStatus.REFUSED, decidedAt: timestampFromDate(new Date()), refusal: words });
    await deps.book.update(refused, revision);
    deps.log.info('widen refused', { noticeId: record.noticeId, agency: issuer, recipient: record.requester });
  }
  await publishServiceEvents(deps.js, 'routing', [widenEvent(v1.AuditKind.WIDEN_REFUSED, refused)]);
  return refused;
}
