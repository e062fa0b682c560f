import { fillHtml, fillText, type Lang, type MessageParams, type SafeHtml } from '../../console/index.js';
import { AUDIT_AR } from './ar.js';
import { AUDIT_EN, type AuditMessageKey } from './en.js';
import { AUDIT_FR } from './fr.js';

/** The auditor console's catalogs, by language: the node console's approach, a catalog of its own. */
export const AUDIT_CATALOGS: Record<Lang, Record<AuditMessageKey, string>> = { en: AUDIT_EN, fr: AUDIT_FR, ar: AUDIT_AR };

function template(lang: Lang, key: AuditMessageKey): string {
  return AUDIT_CATALOGS[lang]?.[key] ?? AUDIT_EN[key];
}

/** A message as plain text (escaped where a page interpolates it). */
export function at(lang: Lang, key: AuditMessageKey, params?: MessageParams): string {
  return fillText(template(lang, key), params);
}

/** A message as markup: string parameters shown as untrusted text, SafeHtml ones as they are. */
export function atHtml(lang: Lang, key: AuditMessageKey, params?: Record<string, string | number | SafeHtml>): SafeHtml {
  return fillHtml(template(lang, key), params);
}
