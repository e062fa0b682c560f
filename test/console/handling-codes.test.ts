import { describe, expect, test } from 'vitest';
import {
  draftToNoticeJson,
  emptyDraft,
  noticeModelFrom,
  readComposeForm,
  renderCompose,
  renderInboxRow,
  renderNotice,
  renderPrint,
} from '../../libs/console/index.js';
import { inboxModel, NOTICE_ID, noticeModel, realisticView, signedIn, squash, tags } from './console-fixture.js';

function handlingSection(markup: string): string {
  const flat = squash(markup);
  const start = flat.indexOf('<section aria-labelledby="handling-heading"');
  return start < 0 ? '' : flat.slice(start, flat.indexOf('</section>', start));
}

describe("the originator's handling codes in the console", () => {
  test('the notice page shows each code under the TLP banner with its one-line meaning', () => {
    const section = handlingSection(renderNotice(signedIn(), noticeModel()));
    expect(section).toContain('<h2 id="handling-heading">Handling codes</h2>');
    expect(section).toContain('<strong class="handling-code">No onward sharing</strong>');
    expect(section).toContain('Do not pass this notice, or anything taken from it, on to any other party.');
    expect(section).toContain('<strong class="handling-code">Consent before action</strong>');
    expect(section).not.toContain('Not for court without consent');
  });

  test('the print view carries them too, and each language says them in its own words', () => {
    expect(handlingSection(renderPrint(signedIn(), noticeModel()))).toContain('No onward sharing');
    expect(handlingSection(renderNotice(signedIn('fr'), noticeModel()))).toContain('Pas de diffusion ultérieure');
    expect(handlingSection(renderNotice(signedIn('ar'), noticeModel()))).toContain('لا مشاركة لاحقة');
  });

  test('a notice without codes has no handling section', () => {
    expect(handlingSection(renderNotice(signedIn(), { ...noticeModel(), handling: [] }))).toBe('');
  });

  test('a code the console does not know is shown escaped, as text, with no meaning made up', () => {
    const stored = realisticView();
    const core = (stored.view as { core: Record<string, unknown> }).core;
    core.handling = ['<img src=x onerror=alert(1)>'];
    const section = handlingSection(renderNotice(signedIn(), noticeModelFrom(stored)));
    expect(section).not.toContain('<img');
    expect(section).toContain('&lt;img src&#61;x onerror&#61;alert(1)&gt;');
    expect(section).not.toContain('handling-meaning');
  });

  test("an inbox row marks the notice's codes; a row without any has no marker", () => {
    const [withCodes, without] = inboxModel().rows;
    expect(squash(renderInboxRow(signedIn(), withCodes!))).toContain(
      '<span class="handling-marker">Handling: No onward sharing, Consent before action</span>',
    );
    expect(renderInboxRow(signedIn(), without!)).not.toContain('handling-marker');
  });

  test('the composer offers every code as a `handling` checkbox with its meaning, checked as the draft says', () => {
    const draft = { ...emptyDraft(NOTICE_ID), handling: ['NOT_FOR_COURT_WITHOUT_CONSENT'] };
    const markup = renderCompose(signedIn('en', 'supervisor'), { draft, directory: [], problems: [] });
    expect(tags(markup, 'input').filter((i) => i.name === 'handling')).toEqual([
      {
        id: 'handling-NO_ONWARD_SHARING',
        name: 'handling',
        type: 'checkbox',
        value: 'NO_ONWARD_SHARING',
        'aria-describedby': 'handling-NO_ONWARD_SHARING-hint',
      },
      {
        id: 'handling-NOT_FOR_COURT_WITHOUT_CONSENT',
        name: 'handling',
        type: 'checkbox',
        value: 'NOT_FOR_COURT_WITHOUT_CONSENT',
        checked: '',
        'aria-describedby': 'handling-NOT_FOR_COURT_WITHOUT_CONSENT-hint',
      },
      {
        id: 'handling-CONSENT_BEFORE_ACTION',
        name: 'handling',
        type: 'checkbox',
        value: 'CONSENT_BEFORE_ACTION',
        'aria-describedby': 'handling-CONSENT_BEFORE_ACTION-hint',
      },
    ]);
    expect(markup).toContain('Not to be used as evidence in court without the originator’s consent.');
  });

  test('the codes checked in the form go into the notice JSON', () => {
    const draft = readComposeForm({ handling: ['NO_ONWARD_SHARING', 'CONSENT_BEFORE_ACTION'] }, NOTICE_ID);
    expect(draftToNoticeJson(draft).notice.handling).toEqual(['NO_ONWARD_SHARING', 'CONSENT_BEFORE_ACTION']);
  });
});
