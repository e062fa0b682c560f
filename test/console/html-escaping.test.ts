import { describe, expect, test } from 'vitest';
import { html, noticeModelFrom, raw, renderInbox, renderNotice, renderTimeline, text } from '../../libs/console/index.js';
import { inboxModel, realisticView, signedIn, squash } from './console-fixture.js';

/** What a value looks like once escaped. */
const escaped = (value: string): string =>
  value.replace(
    /[&<>"'`=]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' })[c] ?? c,
  );

const HOSTILE = [
  '<script>alert(1)</script>',
  '" onmouseover="x',
  "' onfocus='x",
  'javascript:alert(1)',
  '</title><script>alert(2)</script>',
  '<svg onload=alert(3)>',
  '`${alert(4)}`',
  '<img src=x onerror=alert(5)>',
];

/** A stored view with a hostile value in every text it has. */
function hostileView(value: string): Parameters<typeof noticeModelFrom>[0] {
  const stored = realisticView(value);
  const view = stored.view as { core: Record<string, unknown>; elements: Record<string, unknown>[]; withheld: Record<string, unknown>[] };
  Object.assign(view.core, { caseRef: value, issuingAgency: value, addressees: [value], type: value, mode: value, caveats: [value] });
  Object.assign(view.core.route as Record<string, unknown>, { origin: [value] });
  view.elements.push({
    id: value,
    category: value,
    path: `persons/${value}/identity`,
    personIdentity: { fullName: value, phone: value, documents: [{ kind: value, number: value }] },
  });
  view.withheld.push({ path: value, category: value, count: 2 });
  return { ...stored, noticeId: value, view: { ...stored.view, signerKid: value, policyVersion: value, grantedCategories: [value] } };
}

function assertNoMarkupFrom(markup: string): void {
  expect(markup).not.toContain('<script>alert');
  expect(markup).not.toMatch(/<script(?![^>]*\ssrc=)/);
  expect(markup).not.toContain(' onmouseover=');
  expect(markup).not.toContain(' onfocus=');
  expect(markup).not.toContain(' onerror=');
  expect(markup).not.toContain('<svg');
  expect(markup).not.toContain('<img');
  expect(markup).not.toMatch(/href="\s*javascript:/i);
  expect(markup).not.toContain('</title><script>');
  expect(markup).not.toContain('`${alert');
  expect(markup.match(/<\/title>/g)).toHaveLength(1);
}

describe('html escaping', () => {
  test.each(HOSTILE)('a notice holding %j everywhere renders it as text, never as markup', (value) => {
    const markup = renderNotice(signedIn(), noticeModelFrom(hostileView(value)));
    assertNoMarkupFrom(markup);
    expect(markup).toContain(`<bdi>${escaped(value)}</bdi>`);
  });

  test('hostile values in the inbox rows, filters and the timeline stay text', () => {
    for (const value of HOSTILE) {
      const model = inboxModel();
      const row = { ...model.rows[0]!, caseRef: value, issuer: value, type: value, noticeId: value };
      const inbox = renderInbox(signedIn(), {
        ...model,
        rows: [row],
        filters: { q: value, caseRef: value },
        choices: { types: [value], issuers: [value], caseRefs: [value] },
      });
      assertNoMarkupFrom(inbox);
      const timeline = renderTimeline(signedIn(), {
        caseRef: value,
        notices: [{ noticeId: value, tlp: 'RED', type: value, issuer: value, issuedAt: value, receivedAt: value }],
      });
      assertNoMarkupFrom(timeline);
    }
  });

  test('a value from a notice in a link is one encoded path segment, never a scheme', () => {
    const markup = renderNotice(signedIn(), noticeModelFrom(hostileView('javascript:alert(1)')));
    expect(markup).toContain('href="/cases/javascript%3Aalert(1)"');
    expect(markup).not.toMatch(/href="(?![/#])/);
  });

  test('every character that could end a value or start markup is escaped', () => {
    expect(html`<p title="${`&<>"'\`=`}">${`&<>"'\`=`}</p>`.toString()).toBe(
      '<p title="&amp;&lt;&gt;&quot;&#39;&#96;&#61;">&amp;&lt;&gt;&quot;&#39;&#96;&#61;</p>',
    );
  });

  test('SafeHtml and lists of it are interpolated as they are, strings and numbers escaped', () => {
    const items = ['<a>', 'b'].map((v) => html`<li>${v}</li>`);
    const list = html`<ul>
      ${items}
    </ul>`;
    expect(squash(list.toString())).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>');
    expect(html`${3}${raw('<hr>')}${null}${false}${undefined}`.toString()).toBe('3<hr>');
  });

  test('a string cannot stand between attributes, so it can never become one', () => {
    expect(() => html`<div ${'onclick=alert(1)'}></div>`).toThrow(/quoted attribute/);
    expect(() => html`<a href=${'/x'}></a>`).toThrow(/quoted attribute/);
    expect(() => html`<${'script'}></${'script'}>`).toThrow(/quoted attribute/);
  });

  test('a URL attribute that starts with a value takes a path or a fragment only, never a scheme', () => {
    for (const url of [
      'javascript:alert(1)',
      ' javascript:x',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'data:text/html,x',
    ])
      expect(() => html`<a href="${url}">x</a>`, url).toThrow(/URL attribute/);
    expect(() => html`<form action="${''}"></form>`).toThrow(/URL attribute/);
    expect(html`<a href="${'/notices/1'}">x</a><a href="/cases/${'javascript:x'}">y</a><a href="${'#main'}">z</a>`.toString()).toBe(
      '<a href="/notices/1">x</a><a href="/cases/javascript:x">y</a><a href="#main">z</a>',
    );
  });

  test('markup cannot stand in an attribute value', () => {
    expect(() => html`<p title="${text('x')}"></p>`).toThrow(/attribute value/);
  });

  test('SafeHtml is made by html, raw and text only', async () => {
    const { SafeHtml } = await import('../../libs/console/index.js');
    const Forge = SafeHtml as unknown as new (mint: symbol, markup: string) => unknown;
    expect(() => new Forge(Symbol('SafeHtml'), '<script>alert(1)</script>')).toThrow(TypeError);
    expect(SafeHtml.is({ toString: () => '<script>' })).toBe(false);
  });
});
