import { html, text, timeHtml, type Lang, type SafeHtml } from '../console/index.js';
import type { RecordRow } from './audit-console-models.js';
import { trailPath } from './audit-paths.js';
import { at } from './i18n/audit-translate.js';

/** A value of a record, or "None" when it has none. */
export function valueCell(lang: Lang, value: string): SafeHtml {
  return value === '' ? html`<span class="not-given">${at(lang, 'common.none')}</span>` : text(value);
}

/** The notice a record is about, linked to its trail. */
export function noticeCell(lang: Lang, noticeId: string): SafeHtml {
  return noticeId === '' ? valueCell(lang, '') : html`<a href="${trailPath(noticeId)}"><code>${text(noticeId)}</code></a>`;
}

/** The columns every table of records has, in order; `extra` cells go after them. */
export function recordHeads(lang: Lang): string[] {
  return [
    at(lang, 'column.index'),
    at(lang, 'column.time'),
    at(lang, 'column.kind'),
    at(lang, 'column.agency'),
    at(lang, 'column.recipient'),
    at(lang, 'column.notice'),
    at(lang, 'column.code'),
    at(lang, 'column.hash'),
  ];
}

export function recordCells(lang: Lang, r: RecordRow): SafeHtml {
  return html`<td class="num">${r.index}</td>
    <td>${timeHtml(lang, r.time)}</td>
    <td><code>${text(r.kind)}</code></td>
    <td>${valueCell(lang, r.agency)}</td>
    <td>${valueCell(lang, r.recipient)}</td>
    <td>${noticeCell(lang, r.noticeId)}</td>
    <td>${r.code === '' ? valueCell(lang, '') : html`<code>${text(r.code)}</code>`}</td>
    <td><code>${r.hashPrefix}</code></td>`;
}

/**
 * A table with a caption, column headers and rows, in a wrapper that scrolls when the
 * table is wider than the page: focusable and named, so the keyboard can scroll it too.
 */
export function table(caption: string, heads: readonly string[], rows: readonly SafeHtml[], className = 'records'): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0">
    <table class="${className}">
      <caption>
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
