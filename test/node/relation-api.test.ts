/** Replies, updates and withdrawals through the node's API, over a fake bus: what the node signs and publishes, and what it refuses at its door. */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { signNotice } from '../../libs/client/index.js';
import { openSubmission, SUBMISSION_CODES, toCaseNotice } from '../../libs/disclosure/index.js';
import type { NodeView } from '../../libs/node/index.js';
import { dateFromTimestamp, messageToJson, v1, type CaseNotice } from '../../libs/proto/index.js';
import type { NodeBus } from '../../services/node/node-bus.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { AGENCY, appWithoutBus, type AppFixture } from './node-app-fixture.js';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const RECEIVED = id(1);
const SENT = id(2);
const NEVER_SEEN = id(3);
const ISSUER = 'gr-coastguard';

/** What the node published, in order, and how ingest answers the next one. */
const ingest = {
  published: [] as { noticeId: string; signed: Uint8Array }[],
  verdict: { status: v1.DecisionStatus.DECISION_ACCEPTED } as v1.Decision.$Properties,
};

const fakeBus: Partial<NodeBus> = {
  submit: async (noticeId, signed) => {
    ingest.published.push({ noticeId, signed });
    return { seq: ingest.published.length };
  },
  decision: async (seq) => v1.Decision.create({ ingestSeq: seq, ...ingest.verdict }),
};

/** The bus with only ingest behind it: anything else a route asks of it fails the test. */
const bus = new Proxy(fakeBus as NodeBus, {
  get(target, property) {
    if (property in target) return target[property as keyof NodeBus];
    throw new Error(`a relation route reached the bus for ${String(property)}`);
  },
});

const receivedView: NodeView = {
  deliverySeq: 1,
  noticeId: RECEIVED,
  receivedAt: '2026-12-01T10:00:01.000Z',
  signedView: '',
  view: {
    core: { noticeId: RECEIVED, issuingAgency: ISSUER, caseRef: 'GR-2026-9', tlp: 'AMBER', type: 'REQUEST_FOR_INFORMATION' },
    signerKid: 'kid-1',
    elements: [],
    withheld: [],
  },
};

let fixture: AppFixture;
let publisher = '';
let reader = '';
let sentJson: Record<string, unknown>;

beforeAll(async () => {
  fixture = await appWithoutBus({ bus });
  publisher = fixture.deps.tokens.create('case-system', ['publish']).token;
  reader = fixture.deps.tokens.create('wall-screen', ['read']).token;
  fixture.deps.views.save(receivedView);
  const sent = sampleNotice(AGENCY, { noticeId: SENT, issuedAt: { seconds: Math.floor(Date.now() / 1000) - 3600 } });
  sentJson = messageToJson('accord.v1.CaseNotice', sent);
  fixture.deps.submissions.record(
    { noticeId: SENT, bodyDigest: 'd', submittedBy: 'token:case-system', submittedAt: new Date().toISOString() },
    await signNotice(sent, fixture.deps.signingKey),
  );
  fixture.deps.submissions.decide(SENT, { status: 'accepted' }, new Date());
});

afterAll(async () => {
  await fixture.close();
});

beforeEach(() => {
  ingest.published = [];
  ingest.verdict = { status: v1.DecisionStatus.DECISION_ACCEPTED };
});

function post(url: string, body: unknown, options: { token?: string; key?: string } = {}) {
  return fixture.app.inject({
    method: 'POST',
    url,
    headers: {
      authorization: `Bearer ${options.token ?? publisher}`,
      'content-type': 'application/json',
      ...(options.key !== undefined ? { 'idempotency-key': options.key } : {}),
    },
    payload: JSON.stringify(body),
  });
}

/** The notice a published submission carries, opened from the very bytes the node published. */
function published(index = 0): CaseNotice {
  const signed = ingest.published[index]?.signed;
  if (!signed) throw new Error(`nothing published at ${index}`);
  return toCaseNotice(openSubmission(v1.SignedNotice.decode(signed), SUBMISSION_CODES).full);
}

let keys = 0;
const freshKey = (): string => `test-key-${++keys}-${Date.now()}`;

describe('POST /api/v1/notices with relations', () => {
  test('passes them through into the signed notice, as ingest will check them', async () => {
    const body = { ...sentJson, noticeId: id(10), relations: [{ kind: 'UPDATE', noticeId: SENT }] };
    const answer = await post('/api/v1/notices', body);
    expect(answer.statusCode).toBe(200);
    expect(published().relations).toEqual([v1.Relation.create({ kind: v1.RelationKind.UPDATE, noticeId: SENT })]);
  });
});

describe('POST /api/v1/notices/{noticeId}/withdraw', () => {
  test('publishes the withdrawal of the sent notice: its reason, its code, RED, addressed to no one; answers the decision', async () => {
    const answer = await post(
      `/api/v1/notices/${SENT}/withdraw`,
      { reason: 'The boat was not the one reported.', code: 'INACCURATE' },
      { key: freshKey() },
    );
    expect(answer.statusCode).toBe(200);
    const decision = answer.json<{ noticeId: string; status: string }>();
    expect(decision.status).toBe('accepted');
    const withdrawal = published();
    expect(withdrawal.noticeId).toBe(decision.noticeId);
    expect(withdrawal.relations).toEqual([
      v1.Relation.create({ kind: v1.RelationKind.WITHDRAWAL, noticeId: SENT, withdrawalCode: v1.WithdrawalCode.INACCURATE }),
    ]);
    expect(withdrawal).toMatchObject({
      summary: 'The boat was not the one reported.',
      tlp: v1.Tlp.RED,
      addressees: [],
      issuingAgency: AGENCY,
    });
  });

  test('without a code, the code is OTHER', async () => {
    await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'Entered twice.' }, { key: freshKey() });
    expect(published().relations[0]?.withdrawalCode).toBe(v1.WithdrawalCode.OTHER);
  });

  test('a retry with the same Idempotency-Key is the same withdrawal, published once', async () => {
    const key = freshKey();
    const first = await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'Entered twice.' }, { key });
    const again = await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'Entered twice.' }, { key });
    expect(again.json()).toEqual(first.json());
    expect(ingest.published).toHaveLength(1);
  });

  test('the same key with another reason is 409 naming the header, and nothing more is published', async () => {
    const key = freshKey();
    await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'Entered twice.' }, { key });
    const other = await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'A court ordered it.' }, { key });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'E_CONFLICT', field: 'headers/idempotency-key' });
    expect(ingest.published).toHaveLength(1);
  });

  test('a withdrawalId is the withdrawal’s own noticeId, and a retry with it is the same withdrawal', async () => {
    const withdrawalId = id(20);
    const first = await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'Entered twice.', withdrawalId });
    expect(first.json()).toMatchObject({ noticeId: withdrawalId });
    await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'Entered twice.', withdrawalId });
    expect(ingest.published.map((p) => p.noticeId)).toEqual([withdrawalId]);
  });

  test('a reason that shows a value of a person of the kept notice is 400 on the reason, naming the field, not the value', async () => {
    const answer = await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'Kamal Haddad is not the skipper.' }, { key: freshKey() });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'E_REQUEST_INVALID', field: 'body/reason' });
    expect(answer.body).toContain('persons[0].fullName');
    expect(answer.body).not.toContain('Haddad');
    expect(ingest.published).toHaveLength(0);
  });

  test('neither a withdrawalId nor an Idempotency-Key is 400 naming the header', async () => {
    const answer = await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'Entered twice.' });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'E_REQUEST_INVALID', field: 'headers/idempotency-key' });
  });

  test('a notice this node did not send, or one it received, is 404 naming the path, and nothing is published', async () => {
    for (const noticeId of [NEVER_SEEN, RECEIVED]) {
      const answer = await post(`/api/v1/notices/${noticeId}/withdraw`, { reason: 'Entered twice.' }, { key: freshKey() });
      expect(answer.statusCode, noticeId).toBe(404);
      expect(answer.json(), noticeId).toMatchObject({ code: 'E_NOT_FOUND', field: 'params/noticeId' });
    }
    expect(ingest.published).toEqual([]);
  });

  test('a reason with markup or blank is 400 naming body/reason; a code that is none, body/code', async () => {
    for (const reason of ['{{persons[0]}} was not there.', '   ']) {
      const answer = await post(`/api/v1/notices/${SENT}/withdraw`, { reason }, { key: freshKey() });
      expect(answer.statusCode, reason).toBe(400);
      expect(answer.json(), reason).toMatchObject({ code: 'E_REQUEST_INVALID', field: 'body/reason' });
    }
    const code = await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'x', code: 'BORED' }, { key: freshKey() });
    expect(code.json()).toMatchObject({ code: 'E_REQUEST_INVALID', field: 'body/code' });
    expect(ingest.published).toEqual([]);
  });

  test('ingest’s refusal is an answer, not an error: 200 quarantined with its code', async () => {
    ingest.verdict = { status: v1.DecisionStatus.DECISION_QUARANTINED, code: 'E_RELATION', path: 'relations[0]' };
    const answer = await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'Entered twice.' }, { key: freshKey() });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ status: 'quarantined', code: 'E_RELATION', path: 'relations[0]' });
  });

  test('a read token may not withdraw (publish scope)', async () => {
    const answer = await post(`/api/v1/notices/${SENT}/withdraw`, { reason: 'Entered twice.' }, { token: reader, key: freshKey() });
    expect(answer.statusCode).toBe(403);
    expect(ingest.published).toEqual([]);
  });
});

describe('POST /api/v1/notices/{noticeId}/reply', () => {
  const {
    noticeId: _id,
    addressees: _a,
    issuedAt: _t,
    ...reply
  } = messageToJson('accord.v1.CaseNotice', sampleNotice(AGENCY, { caseRef: 'GR-2026-9' }));

  test('publishes the body as a reply to the notice received, addressed to its issuer', async () => {
    const answer = await post(`/api/v1/notices/${RECEIVED}/reply`, reply, { key: freshKey() });
    expect(answer.statusCode).toBe(200);
    const notice = published();
    expect(notice.relations).toEqual([v1.Relation.create({ kind: v1.RelationKind.REPLY, noticeId: RECEIVED })]);
    expect(notice.addressees).toEqual([ISSUER]);
    expect(notice.noticeId).toBe(answer.json<{ noticeId: string }>().noticeId);
  });

  test('a notice the node never received, or one it sent, is 404: a reply answers a notice received', async () => {
    for (const noticeId of [NEVER_SEEN, SENT]) {
      const answer = await post(`/api/v1/notices/${noticeId}/reply`, reply, { key: freshKey() });
      expect(answer.statusCode, noticeId).toBe(404);
      expect(answer.json(), noticeId).toMatchObject({ code: 'E_NOT_FOUND', field: 'params/noticeId' });
    }
    expect(ingest.published).toEqual([]);
  });

  test('the same key for a reply to another notice is another request: 409', async () => {
    const key = freshKey();
    await post(`/api/v1/notices/${RECEIVED}/reply`, reply, { key });
    const asUpdate = await post(`/api/v1/notices/${SENT}/update`, reply, { key });
    expect(asUpdate.statusCode).toBe(409);
  });
});

describe('POST /api/v1/notices/{noticeId}/update', () => {
  test('the earlier notice edited (its own noticeId and time) is a new version: a fresh id, issued now, an UPDATE of it', async () => {
    const before = Date.now();
    const edited = { ...sentJson, migrantCount: 47 };
    const answer = await post(`/api/v1/notices/${SENT}/update`, edited, { key: freshKey() });
    expect(answer.statusCode).toBe(200);
    const notice = published();
    expect(notice.noticeId).not.toBe(SENT);
    expect(notice.relations).toEqual([v1.Relation.create({ kind: v1.RelationKind.UPDATE, noticeId: SENT })]);
    expect(notice.migrantCount).toBe(47);
    expect(dateFromTimestamp(notice.issuedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  test('a retry of that edited copy with the same key is the same new version', async () => {
    const key = freshKey();
    const first = await post(`/api/v1/notices/${SENT}/update`, sentJson, { key });
    const again = await post(`/api/v1/notices/${SENT}/update`, sentJson, { key });
    expect(again.json()).toEqual(first.json());
    expect(ingest.published).toHaveLength(1);
  });

  test('an update of a notice this node did not send is 404, and nothing is published', async () => {
    const answer = await post(`/api/v1/notices/${RECEIVED}/update`, sentJson, { key: freshKey() });
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toMatchObject({ code: 'E_NOT_FOUND', field: 'params/noticeId' });
    expect(ingest.published).toEqual([]);
  });
});
