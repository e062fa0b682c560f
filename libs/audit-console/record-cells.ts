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
