import type { Lang } from '../console-models.js';
import { text } from '../html.js';
import { SafeHtml, escapeHtml, trustedHtml } from '../safe-html.js';
import { AR } from './ar.js';
import { EN, type MessageKey } from './en.js';
import { FR } from './fr.js';

export const CATALOGS: Record<Lang, Record<MessageKey, string>> = { en: EN, fr: FR, ar: AR };

export const LANGS: readonly Lang[] = ['en', 'fr', 'ar'];

/** Each language named in itself, as a language switcher shows it. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', fr: 'Français', ar: 'العربية' };

/** The parameters of a message: `{name}` in it is replaced by params.name. */
export type MessageParams = Record<string, string | number>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(EN, value);
}

/** 'rtl' for Arabic, 'ltr' otherwise. */
export function dir(lang: Lang): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

function template(lang: Lang, key: MessageKey): string {
  return CATALOGS[lang]?.[key] ?? EN[key] ?? key;
}

/** The placeholders of a message, in order ("{count} values withheld: {category}" → count, category). */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** A message template's placeholders filled with `params`, as plain text (a missing parameter leaves `{name}`). */
export function fillText(message: string, params?: MessageParams): string {
  return message.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params?.[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * A message template as markup: the message escaped, each string parameter shown as
 * untrusted text (text(): controls shown, direction isolated), a number as it is written,
 * SafeHtml parameters (a <time>, a link) as they are.
 */
export function fillHtml(message: string, params?: Record<string, string | number | SafeHtml>): SafeHtml {
  let out = '';
  let from = 0;
  for (const match of message.matchAll(PLACEHOLDER)) {
    const value = params?.[match[1] ?? ''];
    const filled =
      value === undefined
        ? escapeHtml(match[0])
        : SafeHtml.is(value)
          ? value.toString()
          : typeof value === 'number'
            ? escapeHtml(String(value))
            : text(value).toString();
    out += escapeHtml(message.slice(from, match.index)) + filled;
    from = match.index + match[0].length;
  }
  return trustedHtml(out + escapeHtml(message.slice(from)));
}

/**
 * A message as plain text, its placeholders filled (a missing parameter leaves `{name}`).
 * Plain text: it is escaped where a page interpolates it; a parameter from a notice that
 * stands in a <title> or an attribute goes through visibleText first.
 */
export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  return fillText(template(lang, key), params);
}

/** A message as markup (see fillHtml). */
export function tHtml(lang: Lang, key: MessageKey, params?: Record<string, string | number | SafeHtml>): SafeHtml {
  return fillHtml(template(lang, key), params);
}

/**
 * The language of a page: the one chosen (a cookie's value), else the first of the
 * browser's Accept-Language that is one of ours, else English.
 */
export function chooseLang(chosen: unknown, acceptLanguage: unknown): Lang {
  if (isLang(chosen)) return chosen;
  const wanted = (typeof acceptLanguage === 'string' ? acceptLanguage : '').split(',').map((part) => part.trim().slice(0, 2).toLowerCase());
  return wanted.find(isLang) ?? 'en';
}
