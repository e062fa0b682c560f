import { html, type SafeHtml } from './html.js';

export interface TableOptions {
  /** The table's class: `notices` (the default), `records`... */
  className?: string;
  /** The caption is for screen readers only: the heading above already says it. */
  hiddenCaption?: boolean;
}

/**
 * A data table of the consoles: a caption, a header row of column names and the rows, in
 * a wrapper that scrolls when the table is wider than the page and that the keyboard can
 * reach and scroll (a named, focusable region, as WCAG asks of a scrollable area).
 */
export function dataTable(caption: string, heads: readonly string[], rows: readonly SafeHtml[], options: TableOptions = {}): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0">
    <table class="${options.className ?? 'notices'}">
      <caption ${options.hiddenCaption ? html` class="visually-hidden"` : ''}>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${heads.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}
