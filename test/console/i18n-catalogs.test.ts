import { describe, expect, test } from 'vitest';
import { CATALOGS, EN, dir, placeholdersOf, t, tHtml, type Lang } from '../../libs/console/index.js';

const OTHERS: Lang[] = ['fr', 'ar'];
const keys = (catalog: Record<string, string>): string[] => Object.keys(catalog).sort();

describe('message catalogs', () => {
  test.each(OTHERS)('%s has exactly the English keys', (lang) => {
    expect(keys(CATALOGS[lang])).toEqual(keys(EN));
  });

  test.each(['en', ...OTHERS] as Lang[])('%s has no empty message', (lang) => {
    for (const [key, message] of Object.entries(CATALOGS[lang])) expect(message.trim(), key).not.toBe('');
  });

  test.each(OTHERS)('%s has the same placeholders as English in every message', (lang) => {
    for (const [key, english] of Object.entries(EN)) {
      const translated = CATALOGS[lang][key as keyof typeof EN];
      expect(placeholdersOf(translated).sort(), key).toEqual(placeholdersOf(english).sort());
    }
  });

  test.each(OTHERS)('%s is translated, not copied: most messages differ from English', (lang) => {
    const same = Object.entries(EN).filter(([key, english]) => CATALOGS[lang][key as keyof typeof EN] === english);
    expect(same.length / Object.keys(EN).length).toBeLessThan(0.1);
  });

  test('t fills placeholders; a missing parameter stays visible', () => {
    expect(t('en', 'notice.withheldMany', { count: 3, category: 'smuggler.identity' })).toBe('3 values withheld: smuggler.identity');
    expect(t('fr', 'notice.withheldMany', { count: 3, category: 'x' })).toBe('3 valeurs retenues : x');
    expect(t('en', 'flash.officerAdded')).toBe('Officer {name} was added.');
  });

  test('tHtml escapes the message and shows string parameters as untrusted text', () => {
    expect(tHtml('en', 'flash.officerAdded', { name: '<b>x</b>' }).toString()).toBe('Officer <bdi>&lt;b&gt;x&lt;/b&gt;</bdi> was added.');
  });

  test('Arabic is right to left, French and English left to right', () => {
    expect([dir('ar'), dir('fr'), dir('en')]).toEqual(['rtl', 'ltr', 'ltr']);
  });
});
