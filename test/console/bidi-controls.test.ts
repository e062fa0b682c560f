import { describe, expect, test } from 'vitest';
import { noticeModelFrom, renderInbox, renderNotice, text, visibleControls, visibleText } from '../../libs/console/index.js';
import { inboxModel, realisticView, signedIn } from './console-fixture.js';

const BIDI = ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
const C0_C1 = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b'];

const name = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Any raw control character, bidi or other, a page must never carry (tab and newline aside). */
// oxlint-disable-next-line eslint/no-control-regex -- control characters are what this looks for
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

describe('bidirectional and control characters', () => {
  test('a U+202E in a summary is shown as a visible marker, and no raw U+202E remains', () => {
    const markup = renderNotice(signedIn(), noticeModelFrom(realisticView('paid \u202Eexe.fdp\u202C to the skipper')));
    expect(markup).toContain('<span class="ctl" title="U+202E">⟨U+202E⟩</span>');
    expect(markup).toContain('<span class="ctl" title="U+202C">⟨U+202C⟩</span>');
    expect(markup).not.toContain('\u202e');
    expect(markup).not.toContain('&#x202E;');
  });

  test.each([...BIDI, ...INVISIBLE, ...C0_C1].map((c) => [name(c), c]))('%s in a summary is shown, never obeyed', (label, c) => {
    const markup = renderNotice(signedIn(), noticeModelFrom(realisticView(`a${c}b`)));
    expect(markup).toContain(`<span class="ctl" title="${label}">⟨${label}⟩</span>`);
    expect(markup).not.toMatch(RAW_CONTROL);
  });

  test('isolates (U+2066 to U+2069) in every field of a notice are shown, and the page holds no raw control at all', () => {
    const stored = realisticView('\u2066x\u2069');
    const view = stored.view as { core: Record<string, unknown> };
    Object.assign(view.core, { caseRef: 'CASE\u2067-1', issuingAgency: 'it\u2068police', addressees: ['mt\u202eafm'] });
    const markup = renderNotice(signedIn(), noticeModelFrom(stored));
    for (const label of ['U+2066', 'U+2067', 'U+2068', 'U+2069', 'U+202E']) expect(markup).toContain(`⟨${label}⟩`);
    expect(markup).not.toMatch(RAW_CONTROL);
  });

  test('where no markup can stand (the title, a menu option) the marker is text', () => {
    const stored = realisticView();
    (stored.view as { core: Record<string, unknown> }).core.caseRef = 'IT\u202e-42';
    const notice = renderNotice(signedIn(), noticeModelFrom(stored));
    expect(notice).toMatch(/<title>[^<]*IT⟨U\+202E⟩-42[^<]*<\/title>/);
    const inbox = renderInbox(signedIn(), { ...inboxModel(), choices: { types: [], issuers: [], caseRefs: ['IT\u202e-42'] } });
    expect(inbox).toContain('>IT⟨U+202E⟩-42</option>');
    expect(inbox).not.toMatch(RAW_CONTROL);
  });

  test('untrusted text is isolated in <bdi>, so it cannot reorder what is around it', () => {
    expect(text('مهرّب').toString()).toBe('<bdi>مهرّب</bdi>');
    expect(text('a\u202eb').toString()).toBe('<bdi>a<span class="ctl" title="U+202E">⟨U+202E⟩</span>b</bdi>');
  });

  test('tab and newline stay as they are; the rest of the text is escaped around a marker', () => {
    expect(visibleControls('a\tb\nc').toString()).toBe('a\tb\nc');
    expect(visibleControls('<\u200f>').toString()).toBe('&lt;<span class="ctl" title="U+200F">⟨U+200F⟩</span>&gt;');
    expect(visibleText('x\u2066y')).toBe('x⟨U+2066⟩y');
  });
});
