/**
 * The one type the console's pages are made of: markup that this library built, every
 * value in it escaped. Only this folder can make one (the mint is not exported from
 * index.ts); pages take `html`, `raw` and `text` from html.ts.
 */
const MINT: unique symbol = Symbol('SafeHtml');

export class SafeHtml {
  readonly #html: string;

  constructor(mint: typeof MINT, markup: string) {
    if (mint !== MINT) throw new TypeError('SafeHtml is made by html`...`, raw() or text(), never constructed');
    this.#html = markup;
  }

  static is(value: unknown): value is SafeHtml {
    return typeof value === 'object' && value !== null && #html in value;
  }

  toString(): string {
    return this.#html;
  }
}

/** Markup this folder vouches for: its own constants, or what it escaped itself. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(MINT, markup);
}

/**
 * Characters that reorder or hide text (bidirectional and other format controls) and the
 * C0 and C1 controls, tab and newline aside: no notice may make the page lie with them.
 */
export const CONTROL_CHARACTERS =
  // oxlint-disable-next-line eslint/no-control-regex -- control characters are what this looks for
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;

/** "U+202E" */
export function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

// "=" as well: harmless to escape, and no value ever reads as `name=` in a page, escaped or not.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' };

/**
 * Text as markup that means that text: & < > " ' ` = become references, and so does every
 * control character, so none ever stands raw in a page (in an attribute it keeps its value
 * exactly; in text shown to a person, text() shows it instead, see bidi.ts).
 */
export function escapeHtml(value: string): string {
  return value
    .replace(/[&<>"'`=]/g, (c) => ESCAPES[c] ?? c)
    .replace(CONTROL_CHARACTERS, (c) => `&#x${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()};`);
}
