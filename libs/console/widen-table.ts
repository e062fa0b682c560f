import type { Lang } from './console-models.js';
import { listHtml, timeHtml } from './format.js';
import { html, text, type SafeHtml } from './html.js';
import { t, tHtml } from './i18n/translate.js';
import { categoryHtml } from './notice-elements.js';
import { dataTable } from './table.js';
import type { WidenRow } from './widen-models.js';

/** The columns a list of requests may have beside those every list has (the request, categories, reason, status, when). */
export type WidenColumn = 'notice' | 'requester' | 'issuer';

/** The categories of a request, each by its name and code. */
export function widenCategoriesHtml(lang: Lang, categories: readonly string[]): SafeHtml {
  return listHtml(
    lang,
    categories.map((c) => categoryHtml(lang, c)),
  );
}

/** Where a request stands: pending; released or refused, when, and a refusal's words (the issuer's, untrusted). */
export function widenStatusHtml(lang: Lang, row: WidenRow): SafeHtml {
  const label = html`<span class="status status-${row.status.toLowerCase()}">${t(lang, `widenStatus.${row.status}`)}</span>`;
  if (row.status === 'PENDING') return label;
  const when = row.decidedAt ? html` ${timeHtml(lang, row.decidedAt)}` : '';
  if (row.status === 'RELEASED') return html`${label}${when}`;
  const words =
    row.refusal !== undefined && row.refusal !== ''
      ? html`<p class="widen-text">${tHtml(lang, 'widen.refusal', { refusal: row.refusal })}</p>`
      : html`<p>${t(lang, 'widen.noRefusalReason')}</p>`;
  return html`${label}${when} ${words}`;
}

function noticeCell(row: WidenRow): SafeHtml {
  const id = html`<code>${text(row.noticeId)}</code>`;
  return row.noticeHref ? html`<a href="${row.noticeHref}">${id}</a>` : id;
}

const HEADS: Record<WidenColumn, 'column.notice' | 'column.requester' | 'column.issuer'> = {
  notice: 'column.notice',
  requester: 'column.requester',
  issuer: 'column.issuer',
};

/** Requests as a data table: the request, the columns asked for, the categories, the reason, the status and when it was asked. */
export function widenTable(lang: Lang, caption: string, rows: readonly WidenRow[], columns: readonly WidenColumn[]): SafeHtml {
  const cell = (row: WidenRow, column: WidenColumn): SafeHtml =>
    column === 'notice' ? noticeCell(row) : text(column === 'requester' ? row.requester : row.issuer);
  return dataTable(
    caption,
    [
      t(lang, 'column.request'),
      ...columns.map((c) => t(lang, HEADS[c])),
      t(lang, 'column.categoriesAsked'),
      t(lang, 'column.reason'),
      t(lang, 'column.status'),
      t(lang, 'column.asked'),
    ],
    rows.map(
      (row) =>
        html`<tr class="widen-request" data-request-id="${row.requestId}">
          <td><code>${text(row.requestId)}</code></td>
          ${columns.map((c) => html`<td>${cell(row, c)}</td>`)}
          <td>${widenCategoriesHtml(lang, row.categories)}</td>
          <td class="widen-text">${text(row.reason)}</td>
          <td>${widenStatusHtml(lang, row)}</td>
          <td>${timeHtml(lang, row.requestedAt)}</td>
        </tr>`,
    ),
  );
}
