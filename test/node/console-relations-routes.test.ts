/** Replies, new versions and withdrawals through the console over HTTP, over a fake bus: what each page offers, what the node publishes, what it refuses. */
import { generate } from 'otplib';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { signNotice, withdrawalNotice } from '../../libs/client/index.js';
import { openSubmission, SUBMISSION_CODES, toCaseNotice } from '../../libs/disclosure/index.js';
import type { NodeView } from '../../libs/node/index.js';
import { v1, type CaseNotice } from '../../libs/proto/index.js';
import type { NodeBus } from '../../services/node/node-bus.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { AGENCY, appWithoutBus, type AppFixture } from './node-app-fixture.js';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const RECEIVED = id(1);
const SENT = id(2);
const WITHDRAWAL = id(3);
const NEVER_SEEN = id(4);
const SENT_REPLY = id(5);
const WITHDRAWN_SINCE = id(6);
const ISSUER = 'gr-coastguard';
const CASE = 'GR-2026-9';
const PASSWORD = 'an officer password';

/** What the node published, in order. */
let published: { noticeId: string; signed: Uint8Array }[] = [];

const fakeBus: Partial<NodeBus> = {
  receipt: async () => {},
  track: async () => v1.TrackReport.create({ error: 'no track yet' }),
  directory: async () => [
    v1.DirectoryEntry.create({ id: ISSUER, country: 'GR', role: 'coastguard' }),
    v1.DirectoryEntry.create({ id: 'mt-afm', country: 'MT', role: 'military' }),
  ],
  preview: async () =>
    v1.DraftPreview.create({
      policyVersion: 'p@1',
      agencies: [{ agency: ISSUER, delivered: true, tlp: 'addressee', categories: ['core'] }],
    }),
  submit: async (noticeId, signed) => {
    published.push({ noticeId, signed });
    return { seq: published.length };
  },
  decision: async (seq) => v1.Decision.create({ ingestSeq: seq, status: v1.DecisionStatus.DECISION_ACCEPTED }),
};

const bus = new Proxy(fakeBus as NodeBus, {
  get(target, property) {
    if (property in target) return target[property as keyof NodeBus];
    throw new Error(`the console reached the bus for ${String(property)}`);
  },
});

const receivedView: NodeView = {
  deliverySeq: 1,
  noticeId: RECEIVED,
  receivedAt: '2026-12-01T10:00:01.000Z',
  signedView: '',
  view: {
    core: { noticeId: RECEIVED, issuingAgency: ISSUER, caseRef: CASE, tlp: 'AMBER', type: 'REQUEST_FOR_INFORMATION' },
    signerKid: 'kid-1',
    elements: [],
    withheld: [],
  },
};

let fixture: AppFixture;
let base = '';

/** Keeps a signed notice as the node keeps those it published and ingest accepted. */
async function keep(notice: v1.CaseNotice.$Properties): Promise<void> {
  const noticeId = notice.noticeId ?? '';
  fixture.deps.submissions.record(
    { noticeId, bodyDigest: 'd', submittedBy: 'officer:sara.lopes', submittedAt: new Date().toISOString() },
    await signNotice(notice, fixture.deps.signingKey),
  );
  fixture.deps.submissions.decide(noticeId, { status: 'accepted' }, new Date());
}

interface SignedIn {
  cookie: string;
  csrf: string;
}

async function form(path: string, fields: Record<string, string | string[]>, cookie: string): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: body.toString(),
  });
}

async function signIn(name: string, totpSecret?: string): Promise<SignedIn> {
  const answer = await form(
    '/sign-in',
    { name, password: PASSWORD, ...(totpSecret ? { totp: await generate({ secret: totpSecret }) } : {}) },
    '',
  );
  expect(answer.status).toBe(303);
  const cookie = (answer.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const inbox = await (await fetch(`${base}/inbox`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(inbox)?.[1] ?? '' };
}

async function page(path: string, who: SignedIn): Promise<{ status: number; text: string }> {
  const answer = await fetch(`${base}${path}`, { headers: { cookie: who.cookie }, redirect: 'manual' });
  return { status: answer.status, text: (await answer.text()).replace(/\s+/g, ' ') };
}

/** The notice a published submission carries, opened from the very bytes the node published. */
function opened(index = 0): CaseNotice {
  const signed = published[index]?.signed;
  if (!signed) throw new Error(`nothing published at ${index}`);
  return toCaseNotice(openSubmission(v1.SignedNotice.decode(signed), SUBMISSION_CODES).full);
}

const hiddenValue = (text: string, name: string): string => new RegExp(`name="${name}" value="([^"]*)"`).exec(text)?.[1] ?? '';

let officer: SignedIn;
let supervisor: SignedIn;

beforeAll(async () => {
  fixture = await appWithoutBus({ bus });
  await fixture.deps.officers.add('ines.costa', 'officer');
  await fixture.deps.officers.setPassword('ines.costa', PASSWORD);
  const added = await fixture.deps.officers.add('sara.lopes', 'supervisor');
  await fixture.deps.officers.setPassword('sara.lopes', PASSWORD);
  fixture.deps.views.save(receivedView);
  await keep(sampleNotice(AGENCY, { noticeId: SENT, caseRef: 'ES-2026-3', summary: '{{persons[0].fullName}} steered the boat.' }));
  await keep(
    sampleNotice(AGENCY, {
      noticeId: SENT_REPLY,
      addressees: [ISSUER],
      relations: [
        { kind: v1.RelationKind.REPLY, noticeId: RECEIVED },
        { kind: v1.RelationKind.REPLY, noticeId: WITHDRAWN_SINCE },
      ],
    }),
  );
  await keep(
    withdrawalNotice({ as: AGENCY, withdrawnNoticeId: id(9), reason: 'Entered twice.', now: new Date(), freshNoticeId: () => WITHDRAWAL }),
  );
  base = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
  officer = await signIn('ines.costa');
  supervisor = await signIn('sara.lopes', new URL(added.totpUri ?? '').searchParams.get('secret') ?? '');
});

afterAll(async () => {
  await fixture.close();
});

beforeEach(() => {
  published = [];
});

/** The reply form as the composer shows it, filled in where the prefill leaves it empty. */
function replyForm(noticeId: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    _csrf: supervisor.csrf,
    noticeId,
    relations: `REPLY:${RECEIVED}`,
    caseRef: CASE,
    type: 'CASE_UPDATE',
    tlp: 'AMBER',
    mode: 'SEA',
    origin: 'LY',
    destination: 'GR',
    addressees: ISSUER,
    summary: 'The boat you asked about left Zuwara on Tuesday.',
    action: 'preview',
    ...overrides,
  };
}

describe('a reply from the console', () => {
  test("a supervisor's notice page links the composer for a reply; an officer's does not", async () => {
    expect((await page(`/notices/${RECEIVED}`, supervisor)).text).toContain(`href="/compose?replyTo&#61;${RECEIVED}"`);
    expect((await page(`/notices/${RECEIVED}`, officer)).text).not.toContain('/compose?replyTo');
  });

  test('the composer opens for it: "Reply to notice", its case, addressed to its issuer, the relation carried', async () => {
    const { status, text } = await page(`/compose?replyTo=${RECEIVED}`, supervisor);
    expect(status).toBe(200);
    expect(text).toContain(`<h1>Reply to notice <bdi>${RECEIVED}</bdi></h1>`);
    expect(text).toContain(`name="relations" value="REPLY:${RECEIVED}"`);
    expect(text).toContain(`value="${CASE}"`);
    expect(/<input[^>]*id="addressee-gr-coastguard"[^>]*>/.exec(text)?.[0]).toContain('checked');
  });

  test('previewed, then sent: the node publishes it with the REPLY, addressed to the issuer, and shows its sent page', async () => {
    const noticeId = hiddenValue((await page(`/compose?replyTo=${RECEIVED}`, supervisor)).text, 'noticeId');
    const preview = await form('/compose', replyForm(noticeId), supervisor.cookie);
    expect(preview.status).toBe(200);
    const previewDigest = hiddenValue(await preview.text(), 'previewDigest');
    const sent = await form('/compose', replyForm(noticeId, { action: 'send', previewDigest }), supervisor.cookie);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/sent/${noticeId}`);
    const notice = opened();
    expect(notice.noticeId).toBe(noticeId);
    expect(notice.relations).toEqual([v1.Relation.create({ kind: v1.RelationKind.REPLY, noticeId: RECEIVED })]);
    expect(notice.addressees).toEqual([ISSUER]);
  });

  test('a reply with its issuer unchecked is refused on the addressees, before any preview', async () => {
    const answer = await form('/compose', replyForm(id(30), { addressees: 'mt-afm' }), supervisor.cookie);
    expect(answer.status).toBe(400);
    const text = await answer.text();
    expect(text).toContain('add gr-coastguard to the addressees');
    expect(text).toContain('href="#addressees"');
  });

  test('a relation changed in the form to a notice the node neither received nor sent is refused, and nothing is sent', async () => {
    for (const relations of [`REPLY:${NEVER_SEEN}`, `UPDATE:${RECEIVED}`]) {
      const answer = await form('/compose', replyForm(id(31), { relations, action: 'send', previewDigest: 'x' }), supervisor.cookie);
      expect(answer.status, relations).toBe(400);
      expect(await answer.text(), relations).toMatch(/is not one this node (received and holds|sent)/);
    }
    expect(published).toEqual([]);
  });

  test('the composer opened for a notice the node does not hold is not found', async () => {
    for (const query of [`replyTo=${NEVER_SEEN}`, `replyTo=${SENT}`, `update=${RECEIVED}`, `update=${WITHDRAWAL}`, 'replyTo=not-a-notice'])
      expect((await page(`/compose?${query}`, supervisor)).status, query).toBe(404);
  });
});

describe('a new version from the console', () => {
  test("the sent page of a notice the node keeps offers a new version and a withdrawal; a withdrawal's own page neither", async () => {
    const { text } = await page(`/sent/${SENT}`, supervisor);
    expect(text).toContain(`href="/compose?update&#61;${SENT}"`);
    expect(text).toContain(`href="/sent/${SENT}/withdraw"`);
    const withdrawal = (await page(`/sent/${WITHDRAWAL}`, supervisor)).text;
    expect(withdrawal).not.toContain('/compose?update');
    expect(withdrawal).not.toContain('/withdraw"');
  });

  test('the composer opens with the kept notice: "New version of", its summary’s markup back, a fresh id, the UPDATE carried', async () => {
    const { status, text } = await page(`/compose?update=${SENT}`, supervisor);
    expect(status).toBe(200);
    expect(text).toContain(`<h1>New version of notice <bdi>${SENT}</bdi></h1>`);
    expect(text).toContain(`name="relations" value="UPDATE:${SENT}"`);
    expect(text).toContain('{{persons[0].fullName}} steered the boat.');
    expect(text).toContain('value="ES-2026-3"');
    const noticeId = hiddenValue(text, 'noticeId');
    expect(noticeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(noticeId).not.toBe(SENT);
  });

  test('a new version keeps the replies of the earlier one, but one to a notice the node no longer holds, and says so', async () => {
    const { text } = await page(`/compose?update=${SENT_REPLY}`, supervisor);
    expect(text).toContain(`name="relations" value="REPLY:${RECEIVED}"`);
    expect(text).not.toContain(`REPLY:${WITHDRAWN_SINCE}`);
    expect(text).toContain('replies to notices withdrawn since: relations[1]');
  });
});

describe('a withdrawal from the console', () => {
  const fields = (overrides: Record<string, string> = {}) => ({
    _csrf: supervisor.csrf,
    withdrawalId: id(40),
    code: 'DUPLICATE_NOTICE',
    reason: 'Sent twice by mistake.',
    ...overrides,
  });

  test('its form is a supervisor’s: an officer gets 403, and a notice not kept here has none', async () => {
    const { status, text } = await page(`/sent/${SENT}/withdraw`, supervisor);
    expect(status).toBe(200);
    expect(text).toContain(`<form method="post" action="/sent/${SENT}/withdraw"`);
    expect(text).toContain('name="_csrf"');
    expect((await page(`/sent/${SENT}/withdraw`, officer)).status).toBe(403);
    expect((await page(`/sent/${RECEIVED}/withdraw`, supervisor)).status).toBe(404);
  });

  test('without the CSRF token, or by an officer, nothing is withdrawn', async () => {
    expect((await form(`/sent/${SENT}/withdraw`, fields({ _csrf: 'wrong' }), supervisor.cookie)).status).toBe(403);
    expect((await form(`/sent/${SENT}/withdraw`, fields({ _csrf: officer.csrf }), officer.cookie)).status).toBe(403);
    expect(published).toEqual([]);
  });

  test('without a code or a reason, the form comes back saying so on each field, and nothing is withdrawn', async () => {
    const answer = await form(`/sent/${SENT}/withdraw`, fields({ code: '', reason: '  ' }), supervisor.cookie);
    expect(answer.status).toBe(400);
    const text = await answer.text();
    expect(text).toContain('Choose the reason code.');
    expect(text).toContain('Write the reason for the recipients.');
    expect(published).toEqual([]);
  });

  test('sent: the withdrawal is published, and the sent page says the bus accepted it', async () => {
    const answer = await form(`/sent/${SENT}/withdraw`, fields(), supervisor.cookie);
    expect(answer.status).toBe(303);
    const location = answer.headers.get('location') ?? '';
    expect(location).toBe(`/sent/${SENT}?withdrawal=${id(40)}`);
    expect(opened()).toMatchObject({ noticeId: id(40), summary: 'Sent twice by mistake.', tlp: v1.Tlp.RED });
    expect(opened().relations).toEqual([
      v1.Relation.create({ kind: v1.RelationKind.WITHDRAWAL, noticeId: SENT, withdrawalCode: v1.WithdrawalCode.DUPLICATE_NOTICE }),
    ]);
    expect((await page(location, supervisor)).text).toContain('Withdrawn: the bus accepted the withdrawal (notice <bdi>');
  });

  test('the same form sent again is the same withdrawal, published once', async () => {
    const again = await form(`/sent/${SENT}/withdraw`, fields({ withdrawalId: id(41) }), supervisor.cookie);
    const twice = await form(`/sent/${SENT}/withdraw`, fields({ withdrawalId: id(41) }), supervisor.cookie);
    expect(twice.headers.get('location')).toBe(again.headers.get('location'));
    expect(published).toHaveLength(1);
  });

  test('a sent page names no withdrawal for an id that is not one of this node’s', async () => {
    expect((await page(`/sent/${SENT}?withdrawal=${NEVER_SEEN}`, supervisor)).text).not.toContain('withdrawal (notice');
  });
});
