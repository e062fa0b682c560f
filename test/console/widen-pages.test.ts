/** Requests to widen in the console's pages: the ask form on a notice, the release a supplementary view carries, the Requests page. */
import { describe, expect, test } from 'vitest';
import { askableCategories, renderNotice, renderPrint, renderRequests, type NoticeModel } from '../../libs/console/index.js';
import {
  ASKED_ID,
  asRole,
  controlNames,
  CSRF,
  forms,
  FRESH_REQUEST_ID,
  NOTICE_ID,
  noticeModel,
  OWN_NOTICE_ID,
  REFUSED_ID,
  RELEASED_ID,
  requestsModel,
  signedIn,
  squash,
  supplementNoticeModel,
  tags,
  widenNoticeModel,
  widenRow,
} from './console-fixture.js';

const officer = signedIn('en', 'officer');
const supervisor = signedIn('en', 'supervisor');
const askForm = (markup: string) => forms(markup).find((f) => f.action === `/notices/${NOTICE_ID}/widen`);

describe('the ask form on a notice', () => {
  test('offers the categories the view withheld, but core and relations, each once', () => {
    const withheld = [
      { path: 'persons/a/identity', category: 'smuggler.identity', count: 3 },
      { path: 'persons/b/identity', category: 'smuggler.identity', count: 1 },
      { path: 'locations/x', category: 'location.precise', count: 1 },
      { path: 'relations/r', category: 'relation', count: 1 },
      { path: 'route', category: 'core', count: 1 },
    ];
    expect(askableCategories(withheld)).toEqual(['smuggler.identity', 'location.precise']);
  });

  test("posts the session's token, a request id chosen with the form, the categories ticked and the reason", () => {
    const form = askForm(renderNotice(officer, widenNoticeModel()));
    expect(form?.method).toBe('post');
    expect(controlNames(form?.body ?? '')).toEqual(['_csrf', 'requestId', 'categories', 'categories', 'reason']);
    const inputs = tags(form?.body ?? '', 'input');
    expect(inputs).toContainEqual({ type: 'hidden', name: '_csrf', value: CSRF });
    expect(inputs).toContainEqual({ type: 'hidden', name: 'requestId', value: FRESH_REQUEST_ID });
    expect(inputs.filter((i) => i.type === 'checkbox').map((i) => i.value)).toEqual(['location.precise', 'smuggler.identity']);
  });

  test('groups the categories under a legend and asks for a reason of at most 2000 characters', () => {
    const body = squash(askForm(renderNotice(officer, widenNoticeModel()))?.body ?? '');
    expect(body).toContain('<fieldset><legend>Categories to ask for</legend>');
    expect(body).toContain(
      '<label for="widen-category-1"><span class="category">Smuggler identity <code>smuggler.identity</code></span></label>',
    );
    const [reason] = tags(body, 'textarea');
    expect(reason).toMatchObject({ id: 'widen-reason', name: 'reason', required: '', maxlength: '2000' });
    expect(body).toContain('<label for="widen-reason">Why your agency needs them</label>');
  });

  test('is there for an officer and a supervisor alike, never in the print view', () => {
    expect(askForm(renderNotice(officer, widenNoticeModel()))).toBeDefined();
    expect(askForm(renderNotice(supervisor, widenNoticeModel()))).toBeDefined();
    expect(askForm(renderPrint(officer, widenNoticeModel()))).toBeUndefined();
    expect(renderPrint(officer, widenNoticeModel())).not.toContain('widen-heading');
  });

  test('shown again after a problem, keeps what was ticked and typed', () => {
    const markup = renderNotice(officer, widenNoticeModel({ categories: ['smuggler.identity'], reason: 'Kept <as> typed.' }));
    const boxes = tags(askForm(markup)?.body ?? '', 'input').filter((i) => i.type === 'checkbox');
    expect(boxes.filter((b) => 'checked' in b).map((b) => b.value)).toEqual(['smuggler.identity']);
    expect(markup).toContain('Kept &lt;as&gt; typed.</textarea');
  });

  test('a superseded version sends the officer to the latest; a view that withheld nothing offers nothing', () => {
    const superseded: NoticeModel = {
      ...widenNoticeModel(),
      history: { versions: [{ noticeId: NOTICE_ID, receivedAt: '' }], supersededBy: { noticeId: ASKED_ID, shared: true } },
    };
    expect(askForm(renderNotice(officer, superseded))).toBeUndefined();
    expect(renderNotice(officer, superseded)).toContain('ask about the latest version');
    const nothing = { ...widenNoticeModel(), withheld: [] };
    expect(askForm(renderNotice(officer, nothing))).toBeUndefined();
    expect(renderNotice(officer, nothing)).toContain('Nothing that can be asked for was withheld from your agency.');
  });
});

describe("the agency's requests on a notice's page", () => {
  test('lists each with its categories, reason, status and time; a refusal with the issuer’s words', () => {
    const markup = squash(renderNotice(officer, widenNoticeModel()));
    const refused = new RegExp(`<tr class="widen-request" data-request-id="${REFUSED_ID}">[\\s\\S]*?</tr>`).exec(markup)?.[0] ?? '';
    expect(refused).toContain('<span class="status status-refused">Refused</span>');
    expect(refused).toContain('<time datetime="2026-12-02T09:00:00.000Z">');
    expect(refused).toContain('In the issuer’s words: <bdi>Not while the operation runs.</bdi>');
    expect(markup).toContain(`data-request-id="${ASKED_ID}"`);
    expect(markup).toContain('<span class="status status-pending">Pending</span>');
  });

  test('none yet is said so; the bus not answering is an alert, the form still offered', () => {
    const none = renderNotice(officer, { ...widenNoticeModel(), widen: { requestId: FRESH_REQUEST_ID, reasonMax: 2000, requests: [] } });
    expect(none).toContain('Your agency has not asked the issuer about this notice.');
    const unavailable = renderNotice(officer, { ...noticeModel(), widen: { requestId: FRESH_REQUEST_ID, reasonMax: 2000 } });
    expect(squash(unavailable)).toContain('role="alert">The requests to widen could not be read from the bus just now.');
    expect(askForm(unavailable)).toBeDefined();
  });
});

describe('a supplementary view', () => {
  test('says who released it on which request, and the categories released', () => {
    const markup = squash(renderNotice(supervisor, supplementNoticeModel()));
    expect(markup).toContain(`Released by <bdi>it-police</bdi> on request <code><bdi>${RELEASED_ID}</bdi></code>`);
    expect(markup).toContain('This view adds what the issuer released to your agency: <span class="category">Smuggler identity');
  });

  test('says so in its print view too; a view that is none says nothing of it', () => {
    expect(renderPrint(officer, supplementNoticeModel())).toContain('supplement-heading');
    expect(renderNotice(officer, widenNoticeModel())).not.toContain('supplement-heading');
  });
});

describe('the Requests page', () => {
  const decisionForms = (markup: string) => forms(markup).filter((f) => /^\/requests\/[^/]+\/(release|refuse)$/.test(f.action));

  test('lists those addressed to the agency and its own: notice link, requester or issuer, categories, reason, status, time', () => {
    const markup = squash(renderRequests(officer, requestsModel()));
    expect(markup).toContain('<h2 id="incoming-heading">Addressed to your agency</h2>');
    expect(markup).toContain('<h2 id="outgoing-heading">Made by your agency</h2>');
    const incoming = new RegExp(`<tr class="widen-request" data-request-id="${REFUSED_ID}">[\\s\\S]*?</tr>`).exec(markup)?.[0] ?? '';
    expect(incoming).toContain(`<a href="/sent/${OWN_NOTICE_ID}"><code><bdi>${OWN_NOTICE_ID}</bdi></code></a>`);
    expect(incoming).toContain('<td><bdi>it-police</bdi></td>');
    expect(incoming).toContain('For the prosecutor in Bari.');
    expect(incoming).toContain('<time datetime="2026-12-01T10:00:00.000Z">');
    const outgoing = new RegExp(`<tr class="widen-request" data-request-id="${ASKED_ID}">[\\s\\S]*?</tr>`).exec(markup)?.[0] ?? '';
    expect(outgoing).toContain(`<a href="/notices/${NOTICE_ID}">`);
    expect(tags(markup, 'th').length).toBe(14);
  });

  test('gives a supervisor a release and a refusal for each pending request addressed to the agency, and nothing for a decided one', () => {
    const actions = decisionForms(renderRequests(supervisor, requestsModel())).map((f) => f.action);
    expect(actions).toEqual([`/requests/${REFUSED_ID}/release`, `/requests/${REFUSED_ID}/refuse`, `/requests/${RELEASED_ID}/refuse`]);
    expect(actions.some((a) => a.includes(FRESH_REQUEST_ID))).toBe(false);
  });

  test('a release lasts 1 to 30 days, 7 unless changed; a refusal’s reason is optional', () => {
    const [release, refuse] = decisionForms(renderRequests(supervisor, requestsModel()));
    expect(controlNames(release?.body ?? '')).toEqual(['_csrf', 'expiresInDays']);
    expect(tags(release?.body ?? '', 'input').find((i) => i.name === 'expiresInDays')).toMatchObject({
      type: 'number',
      required: '',
      min: '1',
      max: '30',
      value: '7',
    });
    expect(controlNames(refuse?.body ?? '')).toEqual(['_csrf', 'reason']);
    expect(tags(refuse?.body ?? '', 'textarea')[0]).not.toHaveProperty('required');
    expect(squash(refuse?.body ?? '')).toContain('Your reason, for <bdi>it-police</bdi> (optional)');
  });

  test('a request of a notice this node did not publish says it cannot be released here, and may still be refused', () => {
    const markup = squash(renderRequests(supervisor, requestsModel()));
    expect(markup).toContain(`This node did not publish notice <bdi>${OWN_NOTICE_ID}</bdi>, so it cannot release it`);
    expect(forms(markup).map((f) => f.action)).not.toContain(`/requests/${RELEASED_ID}/release`);
  });

  test('an officer sees the requests read-only, and who decides them', () => {
    const markup = renderRequests(officer, requestsModel());
    expect(decisionForms(markup)).toEqual([]);
    expect(markup).toContain('Supervisors decide the requests addressed to your agency.');
    expect(markup).toContain(`data-request-id="${REFUSED_ID}"`);
  });

  test('with nothing pending, a supervisor has no decision to make', () => {
    const model = requestsModel();
    const decided = { ...model, lists: { incoming: [widenRow({ status: 'RELEASED', issuer: 'ly-coastguard' })], outgoing: [] } };
    const markup = renderRequests(supervisor, decided);
    expect(decisionForms(markup)).toEqual([]);
    expect(markup).not.toContain('decide-heading');
    expect(markup).toContain('Your agency has asked no issuer for more.');
  });

  test('the bus not answering is one alert in place of the lists', () => {
    const markup = renderRequests(supervisor, { limits: requestsModel().limits });
    expect(markup.match(/role="alert"/g)).toHaveLength(1);
    expect(markup).toContain('The requests to widen could not be read from the bus just now.');
    expect(markup).not.toContain('incoming-heading');
  });

  test('is in the navigation of officers and supervisors, current on its page; not of admins', () => {
    expect(renderRequests(officer, requestsModel())).toContain('<a href="/requests"  aria-current="page">Requests to widen</a>');
    expect(renderNotice(supervisor, noticeModel())).toContain('href="/requests"');
    expect(renderNotice(asRole(officer, 'admin'), noticeModel())).not.toContain('href="/requests"');
  });

  test('an agency’s reason and refusal are text: markup in them is shown, not obeyed', () => {
    const hostile = '<script>alert(1)</script>\u202Eevil';
    const model = requestsModel();
    const rows = [widenRow({ reason: hostile, status: 'REFUSED', refusal: hostile })];
    const markup = renderRequests(supervisor, { ...model, lists: { incoming: [], outgoing: rows } });
    expect(markup).not.toContain('<script>alert');
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markup).toContain('U+202E');
  });
});
