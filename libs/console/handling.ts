import type { Lang } from './console-models.js';
import { keyFor, labelHtml, labelText } from './format.js';
import { html, type SafeHtml } from './html.js';
import { t } from './i18n/translate.js';

/**
 * The originator's handling codes as the console shows them: each by its name and what
 * it asks of the reader in one line. A code the catalog does not know (a newer bus) is
 * shown as the text it is, with no meaning made up for it.
 */
export function handlingMeaning(lang: Lang, code: string): string {
  const key = keyFor('handling.meaning', code);
  return key ? t(lang, key) : '';
}

/** The codes as a list for a notice page or a sent notice's page; nothing when there are none. */
export function handlingListHtml(lang: Lang, codes: readonly string[]): SafeHtml {
  return html`<ul class="handling-codes">
    ${codes.map((code) => {
      const meaning = handlingMeaning(lang, code);
      const name = html`<strong class="handling-code">${labelHtml(lang, 'handling', code)}</strong>`;
      return html`<li>${name} ${meaning ? html`<span class="handling-meaning">${meaning}</span>` : ''}</li>`;
    })}
  </ul>`;
}

/** The notice's handling section, under its TLP banner; empty when it has no codes. */
export function handlingSection(lang: Lang, codes: readonly string[]): SafeHtml {
  if (codes.length === 0) return html``;
  return html`<section aria-labelledby="handling-heading" class="handling">
    <h2 id="handling-heading">${t(lang, 'notice.handling')}</h2>
    ${handlingListHtml(lang, codes)}
  </section>`;
}

/** The inbox row's marker: the codes' names, so a reader sees them before opening the notice. */
export function handlingMarker(lang: Lang, codes: readonly string[]): SafeHtml {
  if (codes.length === 0) return html``;
  const names = codes.map((c) => labelText(lang, 'handling', c)).join(t(lang, 'common.listSeparator'));
  return html` <span class="handling-marker">${t(lang, 'inbox.handling', { codes: names })}</span>`;
}
