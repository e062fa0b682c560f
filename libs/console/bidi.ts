import { CONTROL_CHARACTERS, codePointName, escapeHtml, trustedHtml, type SafeHtml } from './safe-html.js';

/**
 * Untrusted text as markup, its hidden characters shown: every bidirectional or other
 * format control (U+061C, U+200B–U+200F, U+202A–U+202E, U+2060–U+206F, U+FEFF, ...) and
 * every C0 or C1 control but tab and newline becomes a visible marker,
 * `<span class="ctl" title="U+202E">⟨U+202E⟩</span>`, instead of reordering or hiding
 * what is around it. Everything else is escaped.
 */
export function visibleControls(value: string): SafeHtml {
  let out = '';
  let from = 0;
  for (const match of value.matchAll(CONTROL_CHARACTERS)) {
    const name = codePointName(match[0]);
    out += `${escapeHtml(value.slice(from, match.index))}<span class="ctl" title="${name}">⟨${name}⟩</span>`;
    from = match.index + match[0].length;
  }
  return trustedHtml(out + escapeHtml(value.slice(from)));
}

/**
 * The same as plain text, for where no markup can stand (a <title>, an <option>, an
 * attribute read to a person): "⟨U+202E⟩" in place of the character. Still to be escaped.
 */
export function visibleText(value: string): string {
  return value.replace(CONTROL_CHARACTERS, (c) => `⟨${codePointName(c)}⟩`);
}

/**
 * Untrusted text for a page: controls shown (visibleControls), and isolated in <bdi> so a
 * right-to-left name cannot reorder the label or the punctuation around it.
 */
export function isolatedText(value: string): SafeHtml {
  return trustedHtml(`<bdi>${visibleControls(value).toString()}</bdi>`);
}
