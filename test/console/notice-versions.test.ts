/** The console's pages on versions, withdrawals and replies: what an officer is told of each. */
import { describe, expect, test } from 'vitest';
import {
  renderInbox,
  renderNotice,
  renderPrint,
  renderSentNotice,
  renderTimeline,
  renderWithdrawn,
  withdrawnModelFrom,
  withdrawnRowFrom,
  type InboxRow,
  type Lang,
} from '../../libs/console/index.js';
import {
  EARLIER_ID,
  inboxModel,
  LATER_ID,
  noticeModel,
  NOTICE_ID,
  REQUEST_ID,
  signedIn,
  squash,
  tags,
  timelineModel,
  updatedNoticeModel,
  withdrawnModel,
} from './console-fixture.js';

describe("a withdrawn notice's page", () => {
  const markup = squash(renderWithdrawn(signedIn(), withdrawnModel()));

  test('says Withdrawn in a banner of its own, with who withdrew it, the code by its meaning, the reason and when', () => {
    expect(markup).toContain(
      '<section aria-labelledby="withdrawn-heading" class="withdrawn-banner"><h2 id="withdrawn-heading">Withdrawn</h2>',
    );
    expect(markup).toContain('<bdi>it-police</bdi> withdrew this notice: it must no longer be used.');
    expect(markup).toContain('It named or described the wrong person');
    expect(markup).toContain('The man named is not the suspect.');
    expect(markup).toContain('<time datetime="2026-12-03T09:00:00.000Z">');
    expect(markup).toContain('<time datetime="2026-12-03T09:00:04.000Z">');
  });

  test('names the versions withdrawn and shows nothing of a notice: no TLP banner, no facts, no elements', () => {
    expect(markup).toContain(EARLIER_ID);
    expect(markup).not.toContain('tlp-banner');
    expect(markup).not.toContain('facts-heading');
    expect(markup).not.toContain('elements-heading');
  });

  test('a code this console does not know is shown as the text it is', () => {
    const page = renderWithdrawn(signedIn(), { ...withdrawnModel(), withdrawalCode: '17' });
    expect(squash(page)).toContain('<bdi>17</bdi>');
  });

  test.each(['fr', 'ar'] as Lang[])('is translated (%s)', (lang) => {
    const page = renderWithdrawn(signedIn(lang), withdrawnModel());
    expect(page).not.toContain('It named or described the wrong person');
    expect(page).not.toContain('withdrew this notice');
  });

  test('is made from the withdrawal record the node keeps', () => {
    const model = withdrawnModelFrom({
      noticeId: NOTICE_ID,
      receivedAt: '2026-12-03T09:00:04Z',
      withdrawn: {
        kind: 'WITHDRAWAL',
        byNoticeId: LATER_ID,
        issuingAgency: 'it-police',
        issuedAt: '2026-12-03T09:00:00Z',
        noticeIds: [EARLIER_ID, NOTICE_ID],
        withdrawalCode: 'WRONG_PERSON',
        reason: 'The man named is not the suspect.',
        withdrawnAt: '2026-12-03T09:00:04Z',
      },
    });
    expect(model).toEqual(withdrawnModel());
  });
});

describe("an updated notice's page", () => {
  const markup = squash(renderNotice(signedIn(), updatedNoticeModel()));

  test('says which version it is, of how many', () => {
    expect(markup).toContain('<h2 id="versions-heading">Updated — this is version 2 of 3</h2>');
  });

  test('links the other versions and the latest, and marks this one as the page', () => {
    expect(tags(markup, 'a').map((a) => a.href)).toEqual(expect.arrayContaining([`/notices/${EARLIER_ID}`, `/notices/${LATER_ID}`]));
    expect(markup).toContain(`A newer version of this notice exists. <a href="/notices/${LATER_ID}">Open the latest version</a>`);
    expect(markup).toMatch(new RegExp(`<li aria-current="page">Version 2: <code><bdi>${NOTICE_ID}</bdi></code>`));
  });

  test('the latest version has no "newer version" link', () => {
    const latest = updatedNoticeModel();
    const page = squash(renderNotice(signedIn(), { ...latest, noticeId: LATER_ID }));
    expect(page).toContain('this is version 3 of 3');
    expect(page).not.toContain('A newer version of this notice exists.');
  });

  test('a version superseded by one not shared with the agency says so', () => {
    const page = squash(
      renderNotice(signedIn(), { ...noticeModel(), history: { versions: [], supersededBy: { noticeId: LATER_ID, shared: false } } }),
    );
    expect(page).toContain('<h2 id="versions-heading">Updated by the issuer</h2>');
    expect(page).toContain('the new version was not shared with your agency');
    expect(page).not.toContain(LATER_ID);
  });

  test('a notice never updated has no versions section', () => {
    expect(renderNotice(signedIn(), noticeModel())).not.toContain('versions-heading');
  });

  test('a reply links the notice it answers', () => {
    expect(markup).toContain(`In reply to notice <a href="/sent/${REQUEST_ID}"><code><bdi>${REQUEST_ID}</bdi></code></a>.`);
  });

  test('printed, the versions and the reply are named, not linked', () => {
    const printed = squash(renderPrint(signedIn(), updatedNoticeModel()));
    expect(printed).toContain('this is version 2 of 3');
    expect(printed).not.toContain(`href="/notices/${LATER_ID}"`);
    expect(printed).not.toContain(`href="/sent/${REQUEST_ID}"`);
  });
});

describe('the inbox marks rows', () => {
  const rows = (extra: InboxRow[]): string => squash(renderInbox(signedIn(), { ...inboxModel(), rows: extra }));
  const [row] = inboxModel().rows;
  const base = row as InboxRow;

  test('a withdrawn notice: marked withdrawn, without the level, type or case its content held', () => {
    const record = { kind: 'WITHDRAWAL', issuingAgency: 'it-police', byNoticeId: LATER_ID, noticeIds: [NOTICE_ID] };
    const withdrawn = withdrawnRowFrom({ noticeId: NOTICE_ID, receivedAt: '2026-12-03T09:00:04Z', withdrawn: record }, false);
    expect(withdrawn).toMatchObject({ noticeId: NOTICE_ID, issuer: 'it-police', status: { state: 'withdrawn' } });
    const markup = rows([withdrawn]);
    expect(markup).toContain('<span class="version-marker version-withdrawn">Withdrawn by the issuer: its content was deleted</span>');
    expect(markup).not.toContain('class="tlp ');
    expect(markup).not.toContain('href="/cases/');
    // The same row of a notice held shows both.
    expect(rows([base])).toContain('class="tlp ');
    expect(rows([base])).toContain('href="/cases/');
  });

  test('a superseded version, and the newest of several', () => {
    expect(rows([{ ...base, status: { state: 'superseded', shared: true } }])).toContain('Superseded by a newer version');
    expect(rows([{ ...base, status: { state: 'superseded', shared: false } }])).toContain(
      'the new version was not shared with your agency',
    );
    expect(rows([{ ...base, status: { state: 'updated', version: 3, of: 3 } }])).toContain('Updated: version 3 of 3');
  });

  test('a reply, naming the notice it answers', () => {
    expect(rows([{ ...base, replyTo: [REQUEST_ID] }])).toContain(`Reply to <bdi>${REQUEST_ID}</bdi>`);
  });
});

describe("a case's timeline", () => {
  const REPLY_ID = '0f8e5c7a-0000-4000-8000-0000000000bb';
  const model = () => {
    const timeline = timelineModel();
    return {
      ...timeline,
      notices: [
        ...timeline.notices,
        {
          noticeId: REPLY_ID,
          tlp: 'AMBER' as const,
          type: 'INTELLIGENCE_REPORT',
          issuer: 'it-police',
          issuedAt: '2026-11-30T12:00:00Z',
          receivedAt: '2026-11-30T12:00:02Z',
          replyTo: [REQUEST_ID],
        },
      ],
      sent: [{ noticeId: REQUEST_ID, submittedAt: '2026-11-30T11:00:00Z' }],
    };
  };

  test("shows a reply beside the agency's own notice it answers, just before it, linked to the sent notice's page", () => {
    const markup = squash(renderTimeline(signedIn('en', 'supervisor'), model()));
    const sent = markup.indexOf(`<a href="/sent/${REQUEST_ID}">`);
    const reply = markup.indexOf(`<a href="/notices/${REPLY_ID}">`);
    expect(sent).toBeGreaterThan(-1);
    expect(reply).toBeGreaterThan(sent);
    expect(markup.slice(sent, reply)).toContain('Sent by your agency');
    expect(markup.slice(reply)).toContain(`Reply to <bdi>${REQUEST_ID}</bdi>`);
    // Between them, nothing else of the case.
    expect(markup.slice(sent, reply)).not.toContain('/notices/');
  });

  test('an officer (who has no sent pages) sees the own notice named, not linked', () => {
    const markup = squash(renderTimeline(signedIn('en', 'officer'), model()));
    expect(markup).not.toContain(`/sent/${REQUEST_ID}`);
    expect(markup).toContain(`<code><bdi>${REQUEST_ID}</bdi></code>`);
  });
});

describe("a sent notice's page", () => {
  const reply = {
    noticeId: '0f8e5c7a-0000-4000-8000-0000000000bb',
    tlp: 'AMBER' as const,
    type: 'INTELLIGENCE_REPORT',
    issuer: 'ly-coastguard',
    issuedAt: '2026-11-30T12:00:00Z',
    receivedAt: '2026-11-30T12:00:02Z',
  };
  const model = { noticeId: REQUEST_ID, trackError: 'not yet' };

  test('lists the replies received, each linked to its notice page', () => {
    const markup = squash(renderSentNotice(signedIn('en', 'supervisor'), { ...model, replies: [reply] }));
    expect(markup).toContain('<h2 id="replies-h">Replies received</h2>');
    expect(markup).toContain(`<a href="/notices/${reply.noticeId}">`);
    expect(markup).toContain('<bdi>ly-coastguard</bdi>');
  });

  test('says when none has come', () => {
    expect(renderSentNotice(signedIn('en', 'supervisor'), { ...model, replies: [] })).toContain(
      'No reply to this notice has reached this node.',
    );
  });
});
