import { visibleText } from './bidi.js';
import type { Lang } from './console-models.js';
import { html, text, type SafeHtml } from './html.js';
import type { MessageKey } from './i18n/en.js';
import { isMessageKey, t } from './i18n/translate.js';

const LOCALES: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR', ar: 'ar' };
const formats = new Map<Lang, Intl.DateTimeFormat>();

function dateFormat(lang: Lang): Intl.DateTimeFormat {
  let format = formats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang] ?? 'en-GB', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
      timeZoneName: 'short',
    });
    formats.set(lang, format);
  }
  return format;
}

/** An RFC 3339 time as a Date, or undefined when it is not one. */
function dateOf(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * A time for a person, in UTC: <time datetime="2026-12-02T14:20:42.000Z">2 Dec 2026, 14:20:42 UTC</time>.
 * The datetime is the parsed time written again, never the string received; a value that
 * is not a time is shown as the text it is, and none as "Not given".
 */
export function timeHtml(lang: Lang, value: string): SafeHtml {
  if (value === '') return html`<span class="not-given">${t(lang, 'common.notGiven')}</span>`;
  const date = dateOf(value);
  if (!date) return text(value);
  return html`<time datetime="${date.toISOString()}">${dateFormat(lang).format(date)}</time>`;
}

/** A value of the view or the model shown as a person reads it; none as "Not given". */
export function valueHtml(lang: Lang, value: string): SafeHtml {
  return value === '' ? html`<span class="not-given">${t(lang, 'common.notGiven')}</span>` : text(value);
}

/** The message key for an enum value ("noticeType" + "ALERT"), if the catalog has one. */
export function keyFor(prefix: string, value: string): MessageKey | undefined {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? key : undefined;
}

/** An enum value by its translated name, or as untrusted text when it is not a known one. */
export function labelHtml(lang: Lang, prefix: string, value: string): SafeHtml {
  const key = keyFor(prefix, value);
  return key ? html`${t(lang, key)}` : valueHtml(lang, value);
}

/** The same as plain text (for an <option> or a <title>): a value not known is shown with its controls visible. */
export function labelText(lang: Lang, prefix: string, value: string): string {
  const key = keyFor(prefix, value);
  return key ? t(lang, key) : visibleText(value);
}

/** A list of values, comma-separated; none as "None". */
export function listHtml(lang: Lang, items: readonly SafeHtml[]): SafeHtml {
  if (items.length === 0) return html`<span class="not-given">${t(lang, 'common.none')}</span>`;
  const separator = t(lang, 'common.listSeparator');
  return html`${items.map((item, i) => (i === 0 ? item : html`${separator}${item}`))}`;
}
