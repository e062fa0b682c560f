import { describe, expect, test } from 'vitest';
import type { Lang } from '../../libs/console/index.js';
import { CSRF, everyPage, forms, signedIn, signedOut, squash, tags } from './console-fixture.js';

const LANGS: Lang[] = ['en', 'fr', 'ar'];

/** Every page, signed in and out, in every language: [description, markup]. */
const PAGES: [string, string][] = LANGS.flatMap((lang) => [
  ...Object.entries(everyPage(signedIn(lang))).map(([name, markup]): [string, string] => [`${name} (${lang}, signed in)`, markup]),
  ...Object.entries(everyPage(signedOut(lang))).map(([name, markup]): [string, string] => [`${name} (${lang}, signed out)`, markup]),
]);

describe('every page', () => {
  test.each(PAGES)('%s is a whole document with its language and direction', (_name, markup) => {
    expect(markup.startsWith('<!doctype html>\n')).toBe(true);
    const [root] = tags(markup, 'html');
    expect(root?.lang).toMatch(/^(en|fr|ar)$/);
    expect(root?.dir).toBe(root?.lang === 'ar' ? 'rtl' : 'ltr');
    expect(tags(markup, 'meta')).toContainEqual({ charset: 'utf-8' });
    expect(markup).toMatch(/<title>[^<]+<\/title>/);
    expect(tags(markup, 'link')).toContainEqual({ rel: 'stylesheet', href: '/assets/console.css' });
    expect(tags(markup, 'script')).toEqual([{ src: '/assets/console.js', defer: '' }]);
  });

  test('Arabic pages are right to left, French and English left to right', () => {
    for (const [lang, dir] of [
      ['ar', 'rtl'],
      ['fr', 'ltr'],
      ['en', 'ltr'],
    ] as const)
      for (const markup of Object.values(everyPage(signedIn(lang)))) expect(markup).toContain(`<html lang="${lang}" dir="${dir}">`);
  });

  test.each(PAGES)('%s has a skip link to its main landmark and a header', (_name, markup) => {
    expect(tags(markup, 'a')[0]).toEqual({ class: 'skip-link', href: '#main' });
    expect(tags(markup, 'main')).toEqual([{ id: 'main', tabindex: '-1' }]);
    expect(tags(markup, 'header')).toHaveLength(1);
  });

  test('every page but the print view has navigation and the language switcher', () => {
    for (const [name, markup] of Object.entries(everyPage(signedIn()))) {
      const switcher = forms(markup).filter((f) => f.action === '/lang');
      expect(tags(markup, 'nav').length, name).toBe(name === 'print' ? 0 : 1);
      expect(switcher.length, name).toBe(name === 'print' ? 0 : 1);
    }
  });

  test.each(PAGES.filter(([name]) => name.includes('signed in')))(
    '%s: every form that changes state carries the CSRF token',
    (_name, markup) => {
      const posts = forms(markup).filter((f) => f.method === 'post');
      for (const form of posts)
        expect(tags(form.body, 'input'), form.action).toContainEqual({ type: 'hidden', name: '_csrf', value: CSRF });
    },
  );

  test('the inbox page posts sign-out and the language with the token', () => {
    expect(
      forms(everyPage(signedIn()).inbox)
        .filter((f) => f.method === 'post')
        .map((f) => f.action),
    ).toEqual(['/sign-out', '/lang']);
  });

  test('a page without a session has no empty CSRF field', () => {
    for (const markup of Object.values(everyPage(signedOut()))) expect(markup).not.toContain('name="_csrf"');
  });

  test.each(PAGES)('%s labels every control', (_name, markup) => {
    const labelled = new Set(tags(markup, 'label').map((l) => l.for));
    const controls = [...tags(markup, 'input').filter((i) => i.type !== 'hidden'), ...tags(markup, 'select'), ...tags(markup, 'textarea')];
    for (const control of controls) {
      expect(control.id, JSON.stringify(control)).toBeTruthy();
      expect(labelled.has(control.id), `no <label for="${control.id}">`).toBe(true);
    }
    const ids = tags(markup, '[a-z0-9]+')
      .map((t) => t.id)
      .filter((id) => id !== undefined);
    expect(new Set(ids).size, 'ids are unique').toBe(ids.length);
    for (const button of markup.match(/<button[^>]*>[\s\S]*?<\/button>/g) ?? []) expect(button.replace(/<[^>]+>/g, '').trim()).not.toBe('');
  });

  test.each(PAGES)('%s has no inline script, no inline style and no event handler attribute', (_name, markup) => {
    expect(markup).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
    expect(markup).not.toMatch(/<script[^>]*>[^<]/i);
    expect(markup).not.toMatch(/\sstyle=/i);
    expect(markup).not.toMatch(/<style/i);
    expect(markup).not.toMatch(/\son[a-z]+\s*=/i);
    expect(markup).not.toMatch(/javascript:/i);
  });

  test('the header names the agency and the officer, with a sign-out form', () => {
    const markup = everyPage(signedIn('en', 'supervisor')).inbox;
    expect(squash(markup)).toContain('Accord · <bdi>ly-coastguard</bdi> agency node');
    expect(squash(markup)).toContain('Signed in as <bdi>amal.haddad</bdi> (<bdi>Supervisor</bdi>)');
    expect(forms(markup).map((f) => `${f.method} ${f.action}`)).toContain('post /sign-out');
  });

  test('the language switcher sends the language and the page to come back to', () => {
    const lang = forms(everyPage(signedIn()).inbox).find((f) => f.action === '/lang');
    expect(lang?.method).toBe('post');
    expect(tags(lang?.body ?? '', 'select')).toEqual([{ id: 'lang-select', name: 'lang' }]);
    expect(tags(lang?.body ?? '', 'input')).toContainEqual({
      type: 'hidden',
      name: 'back',
      value: '/inbox?tlp&#61;RED&amp;unread&#61;1&amp;q&#61;MT-2026',
    });
    expect(tags(lang?.body ?? '', 'option').find((o) => 'selected' in o)?.value).toBe('en');
  });

  test('administration is in the navigation of admins only', () => {
    expect(everyPage(signedIn('en', 'admin')).inbox).toContain('href="/admin"');
    expect(everyPage(signedIn('en', 'officer')).inbox).not.toContain('href="/admin"');
  });
});
