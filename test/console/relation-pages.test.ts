/** The pages that start a reply, an update or a withdrawal, and the composer opened for one: markup only, no server. */
import { describe, expect, test } from 'vitest';
import { renderCompose, renderNotice, renderPrint, renderSentNotice, renderWithdrawForm } from '../../libs/console/index.js';
import {
  asSupervisor,
  composeReplyModel,
  composeUpdateModel,
  forms,
  noticeModel,
  NOTICE_ID,
  SENT_ID,
  sentNoticeModel,
  signedIn,
  squash,
  tags,
  withdrawFormModel,
  WITHDRAWAL_ID,
} from './console-fixture.js';

const supervisor = signedIn('en', 'supervisor');
const officer = signedIn('en', 'officer');
/** The links of the page's main content (the navigation links the composer on every page). */
const hrefs = (markup: string): string[] =>
  tags(/<main[\s\S]*<\/main>/.exec(markup)?.[0] ?? '', 'a').map((a) => (a.href ?? '').replace(/&#61;/g, '='));

describe('a received notice’s page', () => {
  test('offers a supervisor a reply, which opens the composer for it', () => {
    expect(hrefs(renderNotice(supervisor, noticeModel()))).toContain(`/compose?replyTo=${NOTICE_ID}`);
  });

  test('offers an officer no reply (only a supervisor may send), and the print view none', () => {
    expect(hrefs(renderNotice(officer, noticeModel())).some((h) => h.startsWith('/compose'))).toBe(false);
    expect(hrefs(renderPrint(supervisor, noticeModel())).some((h) => h.startsWith('/compose'))).toBe(false);
  });
});

describe('an own notice’s sent page', () => {
  test('offers a new version and the withdrawal of a notice the node keeps', () => {
    const links = hrefs(renderSentNotice(supervisor, sentNoticeModel()));
    expect(links).toContain(`/compose?update=${SENT_ID}`);
    expect(links).toContain(`/sent/${SENT_ID}/withdraw`);
  });

  test('offers neither for a notice the node keeps no copy of, or a withdrawal', () => {
    const { changeable: _c, ...model } = sentNoticeModel();
    const links = hrefs(renderSentNotice(supervisor, model));
    expect(links.some((h) => h.startsWith('/compose') || h.endsWith('/withdraw'))).toBe(false);
  });
});

describe('the composer opened for a relation', () => {
  test('a reply says so at the top, links the notice it answers, and carries the relation to the send', () => {
    const markup = renderCompose(supervisor, composeReplyModel());
    expect(squash(markup)).toContain(`<h1>Reply to notice <bdi>${NOTICE_ID}</bdi></h1>`);
    expect(hrefs(markup)).toContain(`/notices/${NOTICE_ID}`);
    const [form] = forms(markup).filter((f) => f.action === '/compose');
    expect(tags(form?.body ?? '', 'input')).toContainEqual({ type: 'hidden', name: 'relations', value: `REPLY:${NOTICE_ID}` });
    expect(tags(markup, 'input').find((i) => i.id === 'caseRef')?.value).toBe('IT-BA-2026-0042');
    expect(tags(markup, 'input').find((i) => i.id === 'addressee-it-police')).toMatchObject({ checked: '' });
  });

  test('a new version says so, links the sent notice it supersedes, keeps its reply, and says what the form leaves out', () => {
    const markup = renderCompose(supervisor, composeUpdateModel());
    expect(squash(markup)).toContain(`<h1>New version of notice <bdi>${SENT_ID}</bdi></h1>`);
    expect(hrefs(markup)).toContain(`/sent/${SENT_ID}`);
    expect(
      tags(markup, 'input')
        .filter((i) => i.name === 'relations')
        .map((i) => i.value),
    ).toEqual([`REPLY:${NOTICE_ID}`, `UPDATE:${SENT_ID}`]);
    expect(markup).toContain('withdrawn since: persons[0].documents[1]');
    expect(markup).toContain('{{persons[0].fullName}} steered the boat.');
  });

  test('a new notice has neither heading nor relation', () => {
    const markup = renderCompose(supervisor, { ...composeReplyModel(), draft: { ...composeReplyModel().draft, relations: [] } });
    expect(squash(markup)).toContain('<h1>New notice</h1>');
    expect(markup).not.toContain('name="relations"');
  });
});

describe('the withdrawal form', () => {
  const markup = renderWithdrawForm(asSupervisor(signedIn()), withdrawFormModel());

  test('posts to the notice’s withdrawal, with the CSRF token and the withdrawal’s own id', () => {
    const [form] = forms(markup).filter((f) => f.action === `/sent/${SENT_ID}/withdraw`);
    expect(form?.method).toBe('post');
    const hidden = tags(form?.body ?? '', 'input');
    expect(hidden).toContainEqual({ type: 'hidden', name: 'withdrawalId', value: WITHDRAWAL_ID });
    expect(hidden.some((i) => i.name === '_csrf')).toBe(true);
  });

  test('offers every withdrawal code by its meaning, the chosen one selected', () => {
    const options = [...markup.matchAll(/<option value="([A-Z_]*)"[^>]*>([\s\S]*?)<\/option>/g)].map((m) => [m[1], (m[2] ?? '').trim()]);
    expect(options).toEqual([
      ['', 'Choose…'],
      ['WRONG_PERSON', 'It named or described the wrong person'],
      ['INACCURATE', 'Facts in it proved wrong'],
      ['DUPLICATE_NOTICE', 'It repeats another notice'],
      ['LEGAL_ORDER', 'A court or prosecutor ordered it withdrawn'],
      ['SOURCE_AT_RISK', 'Keeping it endangers a source or a witness'],
      ['OTHER', 'Another reason'],
    ]);
    expect(tags(markup, 'option').find((o) => o.value === 'INACCURATE')).toMatchObject({ selected: '' });
  });

  test('describes the reason by its warning: every recipient reads it, and it must name no one', () => {
    expect(tags(markup, 'textarea')).toEqual([
      expect.objectContaining({ id: 'reason', name: 'reason', 'aria-describedby': 'reason-warning', maxlength: '2000' }),
    ]);
    const warning = /<p[^>]*id="reason-warning"[^>]*>([\s\S]*?)<\/p>/.exec(markup)?.[1] ?? '';
    expect(squash(warning)).toContain('Every recipient reads this reason.');
    expect(warning).toContain('Name no person in it');
  });

  test('shown again, links each problem to its field and marks the field invalid', () => {
    const again = renderWithdrawForm(supervisor, withdrawFormModel([{ field: 'reason', message: 'Write the reason for the recipients.' }]));
    expect(hrefs(again)).toContain('#reason');
    expect(tags(again, 'textarea')[0]).toMatchObject({ 'aria-invalid': 'true' });
    expect(tags(again, 'select')[0]).not.toHaveProperty('aria-invalid');
  });

  test('puts the reason typed back escaped', () => {
    const again = renderWithdrawForm(supervisor, { ...withdrawFormModel(), reason: '</textarea><script>alert(1)</script>' });
    expect(again).not.toContain('<script>alert');
    expect(again).toContain('&lt;/textarea&gt;&lt;script&gt;');
  });
});
