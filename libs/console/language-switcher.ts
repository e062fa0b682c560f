import type { Lang } from './console-models.js';
import { html, raw, type SafeHtml } from './html.js';
import { LANGS, LANGUAGE_NAMES, dir } from './i18n/translate.js';

export interface LanguageSwitcher {
  lang: Lang;
  /** Where the form posts (each console has its own /lang). */
  action: string;
  /** The page to come back to. */
  back: string;
  labels: { language: string; change: string };
  /** Hidden fields a state-changing form carries (the node's CSRF token). */
  hidden?: SafeHtml;
}

/** The form in every page's header that changes the language: each language named in itself. */
export function languageSwitcher(s: LanguageSwitcher): SafeHtml {
  const options = LANGS.map(
    (lang) =>
      html`<option value="${lang}" lang="${lang}" dir="${dir(lang)}" ${lang === s.lang ? raw(' selected') : ''}>
        ${LANGUAGE_NAMES[lang]}
      </option>`,
  );
  return html`<form method="post" action="${s.action}" class="lang-form">
    ${s.hidden ?? ''}
    <label for="lang-select">${s.labels.language}</label>
    <select id="lang-select" name="lang">
      ${options}
    </select>
    <input type="hidden" name="back" value="${s.back}" />
    <button type="submit">${s.labels.change}</button>
  </form>`;
}
