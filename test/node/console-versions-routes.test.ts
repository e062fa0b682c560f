/** The console's pages over HTTP on versions, withdrawals and replies, from what the node's store holds. */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { NodeView } from '../../libs/node/index.js';
import { v1 } from '../../libs/proto/index.js';
import type { NodeBus } from '../../services/node/node-bus.js';
import { appWithoutBus, type AppFixture } from './node-app-fixture.js';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const FIRST = id(1);
const SECOND = id(2);
const WITHDRAWN = id(3);
const REQUEST = id(4);
const REPLY = id(5);
const CASE = 'GR-2026-9';
const PASSWORD = 'an officer password';

let fixture: AppFixture;
let base = '';
const receipts: string[] = [];

/** A bus that takes receipts and has no track of anything yet. */
const bus = {
  receipt: async (noticeId: string) => {
    receipts.push(noticeId);
  },
  track: async () => v1.TrackReport.create({ error: 'no track yet' }),
} as unknown as NodeBus;

const view = (seq: number, noticeId: string, relation?: { kind: 'REPLY' | 'UPDATE'; noticeId: string }): NodeView => ({
  deliverySeq: seq,
  noticeId,
  receivedAt: `2026-12-01T10:00:0${seq}.000Z`,
  signedView: '',
  view: {
    core: { noticeId, issuingAgency: 'gr-coastguard', caseRef: CASE, tlp: 'AMBER', type: 'ALERT', issuedAt: `2026-12-01T09:00:0${seq}Z` },
    signerKid: 'kid-1',
    elements: [
      { path: 'summary', category: 'summary', summary: `Olusegun Adebayo ${seq}` },
      ...(relation ? [{ id: 'r', path: 'relations/r', category: 'relation', relation }] : []),
    ],
    withheld: [],
  },
});

async function form(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

async function signIn(name: string, totpSecret?: string): Promise<string> {
  const answer = await form('/sign-in', {
    name,
    password: PASSWORD,
    ...(totpSecret ? { totp: await generate({ secret: totpSecret }) } : {}),
  });
  expect(answer.status).toBe(303);
  return (answer.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
}

async function page(path: string, cookie: string): Promise<{ status: number; text: string }> {
  const answer = await fetch(`${base}${path}`, { headers: { cookie } });
  return { status: answer.status, text: (await answer.text()).replace(/\s+/g, ' ') };
}

let officer = '';
let supervisor = '';

beforeAll(async () => {
  fixture = await appWithoutBus({ bus });
  await fixture.deps.officers.add('ines.costa', 'officer');
  await fixture.deps.officers.setPassword('ines.costa', PASSWORD);
  const added = await fixture.deps.officers.add('sara.lopes', 'supervisor');
  await fixture.deps.officers.setPassword('sara.lopes', PASSWORD);
  const views = fixture.deps.views;
  views.save(view(1, FIRST));
  views.save(view(2, SECOND, { kind: 'UPDATE', noticeId: FIRST }), [{ kind: 'UPDATE', noticeId: FIRST }]);
  views.save(view(3, WITHDRAWN));
  views.saveTombstone({
    deliverySeq: 4,
    receivedAt: '2026-12-02T10:00:00.000Z',
    signedView: '',
    tombstone: {
      kind: 'WITHDRAWAL',
      byNoticeId: id(40),
      issuingAgency: 'gr-coastguard',
      issuedAt: '2026-12-02T09:59:00Z',
      noticeIds: [WITHDRAWN],
      withdrawalCode: 'LEGAL_ORDER',
      reason: 'The prosecutor ordered it.',
    },
  });
  fixture.deps.submissions.record(
    { noticeId: REQUEST, bodyDigest: 'd', submittedBy: 'officer:sara.lopes', submittedAt: '2026-12-01T08:00:00.000Z' },
    Buffer.from('x'),
  );
  fixture.deps.submissions.decide(REQUEST, { status: 'accepted' }, new Date('2026-12-01T08:00:01.000Z'));
  views.save(view(5, REPLY, { kind: 'REPLY', noticeId: REQUEST }), [{ kind: 'REPLY', noticeId: REQUEST }]);
  base = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
  officer = await signIn('ines.costa');
  supervisor = await signIn('sara.lopes', new URL(added.totpUri ?? '').searchParams.get('secret') ?? '');
});

afterAll(async () => {
  await fixture.close();
});

describe('the console on a withdrawn notice', () => {
  test('its page is the withdrawal (200, not 404), with none of its content, and opening it gives no read receipt', async () => {
    const { status, text } = await page(`/notices/${WITHDRAWN}`, officer);
    expect(status).toBe(200);
    expect(text).toContain('<h2 id="withdrawn-heading">Withdrawn</h2>');
    expect(text).toContain('A court or prosecutor ordered it withdrawn');
    expect(text).toContain('The prosecutor ordered it.');
    expect(text).not.toContain('Olusegun Adebayo 3');
    expect(receipts).not.toContain(WITHDRAWN);
  });

  test('its print view is the withdrawal too', async () => {
    const { status, text } = await page(`/notices/${WITHDRAWN}/print`, officer);
    expect(status).toBe(200);
    expect(text).toContain('withdrawn-heading');
    expect(text).not.toContain('Olusegun Adebayo 3');
  });

  test('the inbox marks its row withdrawn', async () => {
    const { text } = await page('/inbox', officer);
    const row = /<tr data-notice-id="00000000-0000-4000-8000-000000000003"[\s\S]*?<\/tr>/.exec(text)?.[0] ?? '';
    expect(row).toContain('Withdrawn by the issuer');
  });

  test('no level filter shows it: its level went with its content', async () => {
    for (const tlp of ['RED', 'AMBER'])
      expect((await page(`/inbox?tlp=${tlp}`, officer)).text).not.toContain(`data-notice-id="${WITHDRAWN}"`);
    expect((await page('/inbox?tlp=AMBER', officer)).text).toContain(`data-notice-id="${FIRST}"`);
  });
});

describe('the console on an updated notice', () => {
  test('the earlier version says which it is and links the latest', async () => {
    const { text } = await page(`/notices/${FIRST}`, officer);
    expect(text).toContain('Updated — this is version 1 of 2');
    expect(text).toContain(`<a href="/notices/${SECOND}">Open the latest version</a>`);
    expect(text).toContain('Olusegun Adebayo 1');
  });

  test('the latest version lists the earlier one', async () => {
    const { text } = await page(`/notices/${SECOND}`, officer);
    expect(text).toContain('Updated — this is version 2 of 2');
    expect(text).toContain(`<a href="/notices/${FIRST}">`);
  });

  test('the inbox marks the superseded version and the latest', async () => {
    const { text } = await page('/inbox', officer);
    const rowOf = (noticeId: string) => new RegExp(`<tr data-notice-id="${noticeId}"[\\s\\S]*?</tr>`).exec(text)?.[0] ?? '';
    expect(rowOf(FIRST)).toContain('Superseded by a newer version');
    expect(rowOf(SECOND)).toContain('Updated: version 2 of 2');
  });
});

describe('the console on a reply to an own notice', () => {
  test("the case's timeline shows it beside the sent notice it answers, linked for a supervisor", async () => {
    const { text } = await page(`/cases/${CASE}`, supervisor);
    const sent = text.indexOf(`<a href="/sent/${REQUEST}">`);
    const reply = text.indexOf(`<a href="/notices/${REPLY}">`);
    expect(sent).toBeGreaterThan(-1);
    expect(reply).toBeGreaterThan(sent);
    expect(text.slice(sent, reply)).toContain('Sent by your agency');
    expect(text.slice(sent, reply)).toContain('<time datetime="2026-12-01T08:00:00.000Z">');
  });

  test("the sent notice's page lists it", async () => {
    const { status, text } = await page(`/sent/${REQUEST}`, supervisor);
    expect(status).toBe(200);
    expect(text).toContain('<h2 id="replies-h">Replies received</h2>');
    expect(text).toContain(`<a href="/notices/${REPLY}">`);
  });

  test("the reply's page links the notice it answers: a supervisor to its sent page, an officer to nothing", async () => {
    expect((await page(`/notices/${REPLY}`, supervisor)).text).toContain(`In reply to notice <a href="/sent/${REQUEST}">`);
    const forOfficer = (await page(`/notices/${REPLY}`, officer)).text;
    expect(forOfficer).toContain('In reply to notice');
    expect(forOfficer).not.toContain(`href="/sent/${REQUEST}"`);
  });
});
