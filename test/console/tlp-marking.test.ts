import { describe, expect, test } from 'vitest';
import {
  CONSOLE_CSS,
  CONTRAST_PAIRS,
  TLP_LEVELS,
  noticeModelFrom,
  parseTlp,
  renderNotice,
  tlpBanner,
  type Tlp,
} from '../../libs/console/index.js';
import { contrast } from '../harness/contrast.js';
import { realisticView, signedIn, squash } from './console-fixture.js';

const EXPECTED: [Tlp, string, string, string][] = [
  ['CLEAR', 'TLP:CLEAR', 'tlp-clear', '#FFFFFF'],
  ['GREEN', 'TLP:GREEN', 'tlp-green', '#33FF00'],
  ['AMBER', 'TLP:AMBER', 'tlp-amber', '#FFC000'],
  ['AMBER_STRICT', 'TLP:AMBER+STRICT', 'tlp-amber-strict', '#FFC000'],
  ['RED', 'TLP:RED', 'tlp-red', '#FF2B2B'],
];

describe('TLP marking', () => {
  test.each(EXPECTED)('a %s notice opens with the banner %s, class %s', (tlp, label, cls) => {
    const stored = realisticView();
    (stored.view as { core: Record<string, unknown> }).core.tlp = tlp;
    const markup = renderNotice(signedIn(), noticeModelFrom(stored));
    expect(squash(markup)).toContain(`<p class="tlp-banner ${cls}"><strong class="tlp-label">${label}</strong>`);
    expect(tlpBanner('fr', tlp).toString()).toContain(label);
  });

  test.each(EXPECTED)('%s is styled in its FIRST colour on black by the stylesheet', (_tlp, _label, cls, colour) => {
    expect(CONSOLE_CSS).toContain(`.${cls} { color: ${colour}; background-color: #000000; }`);
  });

  test('each level has its meaning in every language', () => {
    for (const tlp of TLP_LEVELS) {
      expect(tlpBanner('en', tlp).toString()).toMatch(/<span class="tlp-meaning">[^<]{20,}<\/span>/);
      expect(tlpBanner('ar', tlp).toString()).toMatch(/<span class="tlp-meaning">[^<]*[\u0600-\u06ff][^<]*<\/span>/);
    }
  });

  test('a marking that cannot be read is shown as RED, never as a lesser one', () => {
    expect(['TLP_UNSPECIFIED', undefined, 3, 'red', 'TLP:AMBER+STRICT'].map(parseTlp)).toEqual([
      'RED',
      'RED',
      'RED',
      'RED',
      'AMBER_STRICT',
    ]);
  });

  test.each(CONTRAST_PAIRS.map((p) => [p.what, p]))('%s meets WCAG 2.2 AA contrast', (_what, pair) => {
    expect(contrast(pair.fg, pair.bg)).toBeGreaterThanOrEqual(pair.min);
  });
});
