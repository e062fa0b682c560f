import { describe, expect, test } from 'vitest';
import {
  consumers,
  identityName,
  inboxPrefix,
  messageIds,
  parseSubject,
  SERVICES as BUS_SERVICES,
  subjects,
  type AdapterRequest,
  type Identity,
  type PreviewRequest,
} from '../../libs/bus/index.js';

const AGENCIES = ['it-police', 'ly-coastguard', 'gr-police', 'eu-agency-2', 'a1', 'x-9-9', 'police42'];
const SEQUENCES = [0, 1, 7, 1234, 2 ** 31, Number.MAX_SAFE_INTEGER];
const SERVICES = ['ingest', 'routing', 'redaction', 'audit', 'admin'];
const REQUESTS: readonly AdapterRequest[] = ['decision', 'quarantine'];
const PREVIEWS: readonly PreviewRequest[] = ['explain', 'directory'];

describe('every parsed subject parses back to what it was built from', () => {
  test.each(AGENCIES)('ingest, deliver, receipt events and track of %s', (agency) => {
    expect(parseSubject.ingest(subjects.ingest(agency))).toEqual({ agency });
    expect(parseSubject.deliver(subjects.deliver(agency))).toEqual({ agency });
    expect(parseSubject.receiptEvents(subjects.receiptEvents(agency))).toEqual({ agency });
    expect(parseSubject.track(subjects.track(agency))).toEqual({ agency });
  });

  test.each(AGENCIES)("%s's decisions at every sequence", (agency) => {
    for (const ingestSeq of SEQUENCES) expect(parseSubject.decision(subjects.decision(agency, ingestSeq))).toEqual({ agency, ingestSeq });
  });

  test.each(AGENCIES)("%s's adapter requests", (agency) => {
    for (const what of REQUESTS) expect(parseSubject.adapterRequest(subjects.adapterRequest(agency, what))).toEqual({ agency, what });
  });

  test.each(AGENCIES)("%s's node's preview requests", (agency) => {
    for (const what of PREVIEWS) expect(parseSubject.previewRequest(subjects.previewRequest(agency, what))).toEqual({ agency, what });
  });

  test.each(SERVICES)("the %s service's events", (service) => {
    expect(parseSubject.serviceEvents(subjects.serviceEvents(service))).toEqual({ service });
  });
});

describe('a subject its builder does not make parses to undefined', () => {
  test.each<[keyof typeof parseSubject, string, string]>([
    ['ingest', 'accord.ingest', 'too few tokens'],
    ['ingest', 'accord.ingest.', 'an empty token'],
    ['ingest', 'accord.ingest.it-police.extra', 'too many tokens'],
    ['ingest', 'accord.ingest.*', 'a wildcard'],
    ['ingest', 'accord.ingest.>', 'a tail wildcard'],
    ['ingest', 'accord.ingest.it*police', 'a wildcard inside a token'],
    ['ingest', 'accord.deliver.it-police', 'another family'],
    ['ingest', 'xaccord.ingest.it-police', 'a wrong prefix'],
    ['ingest', 'accord.ingestx.it-police', 'a prefix that is not a whole token'],
    ['ingest', '', 'an empty subject'],
    ['decision', 'accord.events.decision.it-police', 'no sequence'],
    ['decision', 'accord.events.decision.it-police.7.8', 'too many tokens'],
    ['decision', 'accord.events.decision.it-police.seven', 'a non-numeric sequence'],
    ['decision', 'accord.events.decision.it-police.-7', 'a negative sequence'],
    ['decision', 'accord.events.decision.it-police.1.5', 'a fraction'],
    ['decision', 'accord.events.decision.it-police.07', 'a leading zero, which no builder writes'],
    ['decision', 'accord.events.decision.it-police.1e3', 'an exponent'],
    ['decision', 'accord.events.decision.it-police.9007199254740993', 'a sequence beyond exact integers'],
    ['decision', 'accord.events.decision.it-police.*', 'a wildcard sequence'],
    ['decision', 'accord.events.decision.*.7', 'a wildcard agency'],
    ['decision', 'accord.events.decision.>', 'a tail wildcard'],
    ['decision', 'accord.events.receipt.it-police', 'another family'],
    ['adapterRequest', 'accord.svc.adapter.it-police', 'no question'],
    ['adapterRequest', 'accord.svc.adapter.it-police.status', 'a question ingest does not answer'],
    ['adapterRequest', 'accord.svc.adapter.it-police.decision.extra', 'too many tokens'],
    ['adapterRequest', 'accord.svc.adapter.*.decision', 'a wildcard agency'],
    ['adapterRequest', 'accord.svc.adapter.it-police.*', 'a wildcard question'],
    ['adapterRequest', 'accord.svc.track.it-police', 'another family'],
    ['previewRequest', 'accord.svc.preview.it-police', 'no question'],
    ['previewRequest', 'accord.svc.preview.it-police.decision', 'a question routing does not answer'],
    ['previewRequest', 'accord.svc.preview.*.explain', 'a wildcard agency'],
    ['previewRequest', 'accord.svc.adapter.it-police.explain', 'another family'],
    ['deliver', 'accord.deliver.it-police.x', 'too many tokens'],
    ['receiptEvents', 'accord.events.receipt', 'too few tokens'],
    ['receiptEvents', 'accord.events.svc.ingest', 'another family'],
    ['serviceEvents', 'accord.events.svc.*', 'a wildcard'],
    ['serviceEvents', 'accord.events.receipt.it-police', 'another family'],
    ['track', 'accord.svc.track.>', 'a tail wildcard'],
    ['track', 'accord.svc.health.audit', 'another family'],
  ])('%s: %j (%s)', (parser, subject) => {
    expect(parseSubject[parser](subject)).toBeUndefined();
  });

  test('the wildcard subjects consumers and services subscribe to are not themselves parsed as one message', () => {
    expect(parseSubject.ingest(subjects.ingestAll)).toBeUndefined();
    expect(parseSubject.deliver(subjects.deliverAll)).toBeUndefined();
    expect(parseSubject.decision(subjects.decisionsAll)).toBeUndefined();
    expect(parseSubject.decision(subjects.decisionsOf('it-police'))).toBeUndefined();
    expect(parseSubject.track(subjects.trackAll)).toBeUndefined();
    expect(parseSubject.adapterRequest(subjects.adapterRequests('it-police'))).toBeUndefined();
    expect(parseSubject.adapterRequest(subjects.adapterRequestsAll)).toBeUndefined();
    expect(parseSubject.previewRequest(subjects.previewRequests('it-police'))).toBeUndefined();
    expect(parseSubject.previewRequest(subjects.previewRequestsAll)).toBeUndefined();
  });
});

describe('message ids', () => {
  const all = (agency: string, noticeId: string, n: number) => [
    messageIds.submission(agency, noticeId),
    messageIds.decision(agency, n),
    messageIds.quarantine(agency, n),
    messageIds.delivery(noticeId, agency),
    messageIds.receipt(agency, noticeId, 'officer-digest'),
    messageIds.chain(n),
    messageIds.checkpoint(n),
    messageIds.serviceEvents(agency, 'batch-digest'),
  ];

  test.each(AGENCIES)('of every kind differ for the same inputs (%s)', (agency) => {
    for (const n of SEQUENCES) {
      const ids = all(agency, String(n), n);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test("the submission's is the contract's <agency-id>:<noticeId>", () => {
    const noticeId = '0d4c6c52-3b0e-4f7a-9c1e-2f8a6b5d7e90';
    for (const agency of AGENCIES) expect(messageIds.submission(agency, noticeId)).toBe(`${agency}:${noticeId}`);
  });

  // Streams already hold these exact ids and dedupe on them: the formats are pinned here.
  test('keep the formats the streams dedupe on', () => {
    expect(all('it-police', 'n-1', 42)).toEqual([
      'it-police:n-1',
      'decision/it-police/42',
      'quarantine/it-police/42',
      'deliver/n-1/it-police',
      'receipt/it-police/n-1/officer-digest',
      'chain/42',
      'checkpoint/42',
      'events/it-police/batch-digest',
    ]);
  });
});

describe('identities', () => {
  // "accord" is a valid agency id: its prefixes must still not meet the services'.
  const agencies = [...AGENCIES, 'accord', 'node', 'adapter'];
  const identities: Identity[] = [
    ...agencies.flatMap((agency): Identity[] => [
      { kind: 'adapter', agency },
      { kind: 'liaison', agency },
      { kind: 'node', agency },
    ]),
    ...BUS_SERVICES.map((service): Identity => ({ kind: 'service', service })),
    { kind: 'auditor' },
    { kind: 'operator' },
    { kind: 'admin' },
  ];

  test('each has a name and an inbox prefix of its own, the prefix one token', () => {
    expect(new Set(identities.map(identityName)).size).toBe(identities.length);
    const prefixes = identities.map(inboxPrefix);
    expect(new Set(prefixes).size).toBe(identities.length);
    for (const prefix of prefixes) expect(prefix).toMatch(/^_INBOX_[^.*>\s]+$/);
  });

  test("an agency's node is named and prefixed apart from its adapter and liaisons", () => {
    expect(identityName({ kind: 'node', agency: 'it-police' })).toBe('node.it-police');
    expect(inboxPrefix({ kind: 'node', agency: 'it-police' })).toBe('_INBOX_it-police_node');
  });

  test('the consumers of the deliveries stream are named apart for every agency', () => {
    const tricky = [...agencies, 'inbox-x', 'node-x', 'x'];
    const names = tricky.flatMap((agency) => [consumers.inbox(agency), consumers.node(agency)]);
    expect(new Set(names).size).toBe(names.length);
  });
});
