import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { parseSubject, streams, subjects } from '../../libs/bus/index.js';
import { readStream } from '../../libs/client/index.js';
import { errorMessage } from '../../libs/errors/index.js';
import type { Logger } from '../../libs/log/index.js';
import { dateFromTimestamp, v1 } from '../../libs/proto/index.js';

const MAX_PAGE = 500;

async function answerDecision(jsm: JetStreamManager, agency: string, data: Uint8Array): Promise<Uint8Array> {
  const { ingestSeq } = v1.DecisionQuery.decode(data);
  const stored = await jsm.direct
    .getMessage(streams.events, { last_by_subj: subjects.decision(agency, Number(ingestSeq)) })
    .catch(() => null);
  if (!stored) return v1.DecisionAnswer.encode({ found: false }).finish();
  const decision = v1.Decision.decode(stored.data);
  decision.events = [];
  return v1.DecisionAnswer.encode({ found: true, decision }).finish();
}

async function answerQuarantine(js: JetStreamClient, jsm: JetStreamManager, agency: string, data: Uint8Array): Promise<Uint8Array> {
  const query = v1.QuarantineQuery.decode(data);
  const limit = Math.min(query.limit || MAX_PAGE, MAX_PAGE);
  const since = query.since ? dateFromTimestamp(query.since) : undefined;
  const records: v1.QuarantineRecord[] = [];
  let last = 0;
  let scanned = 0;
  await readStream(
    js,
    jsm,
    streams.quarantine,
    { filterSubject: subjects.quarantine(agency), startSeq: Number(query.afterStreamSeq) + 1, maxMessages: limit },
    (msg) => {
      last = msg.seq;
      scanned += 1;
      const record = v1.QuarantineRecord.decode(msg.data);
      if (query.code && record.code !== query.code) return;
      if (since && dateFromTimestamp(record.quarantinedAt) < since) return;
      record.submission = new Uint8Array();
      records.push(record);
    },
  );
  return v1.QuarantinePage.encode({ records, nextAfterStreamSeq: scanned === limit ? last : 0 }).finish();
}

/**
 * Answers adapters about their own submissions. The agency is the one in the subject,
 * which the broker lets only that agency's adapter publish on.
 */
export function serveAdapterRequests(nc: NatsConnection, js: JetStreamClient, jsm: JetStreamManager, log: Logger): Subscription {
  return nc.subscribe(subjects.adapterRequestsAll, {
    queue: 'ingest',
    callback: (error, msg) => {
      if (error) return;
      const request = parseSubject.adapterRequest(msg.subject);
      // Not a question this service knows, so no reply type fits it: the asker times out.
      if (!request) {
        log.warn('adapter request refused: unknown subject', { subject: msg.subject });
        return;
      }
      const { agency, what } = request;
      const answer = what === 'decision' ? answerDecision(jsm, agency, msg.data) : answerQuarantine(js, jsm, agency, msg.data);
      answer.then(
        (reply) => msg.respond(reply),
        (failure: unknown) => {
          log.warn('adapter request failed', { agency, subject: msg.subject, error: errorMessage(failure) });
          const reply =
            what === 'decision'
              ? v1.DecisionAnswer.encode({ found: false })
              : v1.QuarantinePage.encode({ error: 'the quarantine could not be read' });
          msg.respond(reply.finish());
        },
      );
    },
  });
}
