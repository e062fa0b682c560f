import type { Lang, Tlp } from './console-models.js';
import { html, type SafeHtml } from './html.js';
import { t } from './i18n/translate.js';

/** TLP 2.0 levels, least restricted first. */
export const TLP_LEVELS: readonly Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

/** The labels TLP 2.0 prescribes, exactly as they must be written. */
export const TLP_LABELS: Record<Tlp, string> = {
  CLEAR: 'TLP:CLEAR',
  GREEN: 'TLP:GREEN',
  AMBER: 'TLP:AMBER',
  AMBER_STRICT: 'TLP:AMBER+STRICT',
  RED: 'TLP:RED',
};

/** FIRST's TLP 2.0 colours: the label's text colour, on a black background. */
export const TLP_COLOURS: Record<Tlp, string> = {
  CLEAR: '#FFFFFF',
  GREEN: '#33FF00',
  AMBER: '#FFC000',
  AMBER_STRICT: '#FFC000',
  RED: '#FF2B2B',
};

export const TLP_BACKGROUND = '#000000';

export function isTlp(value: unknown): value is Tlp {
  return typeof value === 'string' && (TLP_LEVELS as readonly string[]).includes(value);
}

/**
 * The level of a stored view's `tlp` (its enum name, "AMBER_STRICT", or the label,
 * "TLP:AMBER+STRICT"). Anything else is shown as RED: a marking that cannot be read is
 * handled as the most restricted one, never as the least.
 */
export function parseTlp(value: unknown): Tlp {
  if (isTlp(value)) return value;
  const labelled = TLP_LEVELS.find((level) => TLP_LABELS[level] === value);
  return labelled ?? 'RED';
}

/** The CSS class of a level: tlp-clear, tlp-green, tlp-amber, tlp-amber-strict, tlp-red. */
export function tlpClass(tlp: Tlp): string {
  return `tlp-${tlp.toLowerCase().replace('_', '-')}`;
}

/** What the level allows, in one line. */
export function tlpMeaning(lang: Lang, tlp: Tlp): string {
  return t(lang, `tlp.meaning.${tlp}`);
}

/** The label as a badge, for a table cell: <span class="tlp tlp-red">TLP:RED</span>. */
export function tlpBadge(tlp: Tlp): SafeHtml {
  return html`<span class="tlp ${tlpClass(tlp)}">${TLP_LABELS[tlp]}</span>`;
}

/** The banner at the top of a notice: its label and what it means. */
export function tlpBanner(lang: Lang, tlp: Tlp): SafeHtml {
  return html`<p class="tlp-banner ${tlpClass(tlp)}">
    <strong class="tlp-label">${TLP_LABELS[tlp]}</strong> <span class="tlp-meaning">${tlpMeaning(lang, tlp)}</span>
  </p>`;
}
