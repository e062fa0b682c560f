import { describe, expect, test } from 'vitest';
import { AUDIT_CATALOGS } from '../../libs/audit-console/index.js';
import { CATALOGS, dir, placeholdersOf, t, tHtml, type Lang } from '../../libs/console/index.js';

const OTHERS: Lang[] = ['fr', 'ar'];
const keys = (catalog: Record<string, string>): string[] => Object.keys(catalog).sort();

/** Each console's catalogs: the node's, and the auditor console's own. */
const SETS: [string, Record<Lang, Record<string, string>>][] = [
  ['the node console', CATALOGS],
  ['the auditor console', AUDIT_CATALOGS],
];

describe.each(SETS)('message catalogs of %s', (_name, catalogs) => {
  const english = catalogs.en;

  test.each(OTHERS)('%s has exactly the English keys', (lang) => {
    expect(keys(catalogs[lang])).toEqual(keys(english));
  });

  test.each(['en', ...OTHERS] as Lang[])('%s has no empty message', (lang) => {
    for (const [key, message] of Object.entries(catalogs[lang])) expect(message.trim(), key).not.toBe('');
  });

  test.each(OTHERS)('%s has the same placeholders as English in every message', (lang) => {
    for (const [key, message] of Object.entries(english)) {
      expect(placeholdersOf(catalogs[lang][key] ?? '').sort(), key).toEqual(placeholdersOf(message).sort());
    }
  });

  test.each(OTHERS)('%s is translated, not copied: most messages differ from English', (lang) => {
    const same = Object.entries(english).filter(([key, message]) => catalogs[lang][key] === message);
    expect(same.length / Object.keys(english).length).toBeLessThan(0.1);
  });
});

describe('message catalogs', () => {
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
