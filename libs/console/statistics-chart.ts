import type { ReleaseCell, ReleaseTable, ReleaseValue } from '../statistics/index.js';
import type { Lang } from './console-models.js';
import { labelHtml, labelText, valueHtml } from './format.js';
import { html, type SafeHtml } from './html.js';
import { t, tHtml } from './i18n/translate.js';
import { dataTable } from './table.js';

/**
 * One table of a release as a chart and the table of its figures. The chart is horizontal
 * bars drawn by the stylesheet: a bar's length is a class, `stat-bar-w0` to `stat-bar-w100` (its
 * percentage of the table's largest cell), since the CSP allows no style attribute. A
 * suppressed cell has no bar, only a hatched mark and the word; it is never drawn as 0.
 */

/** The widths the stylesheet has a class for: whole percentages. */
export const BAR_WIDTHS = 100;

/** A cell's bar class: its share of `max`, in whole percent; a nonzero value is never drawn as nothing. */
export function barClass(value: number, max: number): string {
  if (value <= 0 || max <= 0) return 'stat-bar-w0';
  return `stat-bar-w${Math.min(BAR_WIDTHS, Math.max(1, Math.round((value / max) * BAR_WIDTHS)))}`;
}

/** A table's title: "Notices by type", "Persons by nationality: Suspected smuggler". */
export function tableTitle(lang: Lang, table: ReleaseTable): string {
  const measure = t(lang, `statistics.measure.${table.measure}`);
  const dimension = t(lang, `statistics.by.${table.dimension}`);
  return table.role === undefined
    ? t(lang, 'statistics.tableTitle', { measure, dimension })
    : t(lang, 'statistics.roleTableTitle', { measure, dimension, role: labelText(lang, 'personRole', table.role) });
}

/** A cell's key for a person: a type, a mode, a role or an age by its name; a country as its code; an unknown nationality said so. */
function keyHtml(lang: Lang, table: ReleaseTable, key: string): SafeHtml {
  switch (table.dimension) {
    case 'type':
      return labelHtml(lang, 'noticeType', key);
    case 'mode':
      return labelHtml(lang, 'mode', key);
    case 'role':
      return labelHtml(lang, 'personRole', key);
    case 'age':
      return labelHtml(lang, 'statistics.age', key);
    case 'nationality':
      return labelHtml(lang, 'statistics.nationality', key);
    default:
      return valueHtml(lang, key);
  }
}

/** A published number, or the word for one that is not: never 0 for a suppressed one. */
function numberHtml(lang: Lang, value: ReleaseValue): SafeHtml {
  return value.suppressed || value.value === null
    ? html`<span class="suppressed-value">${t(lang, 'statistics.suppressed')}</span>`
    : html`${value.value}`;
}

const shown = <T extends ReleaseValue>(value: T): value is T & { value: number } => !value.suppressed && value.value !== null;

function barRow(lang: Lang, table: ReleaseTable, cell: ReleaseCell, max: number): SafeHtml {
  const bar = shown(cell)
    ? html`<span class="${`stat-bar ${barClass(cell.value, max)}`}"></span>`
    : html`<span class="stat-bar stat-bar-suppressed"></span>`;
  return html`<div class="${shown(cell) ? 'stat-bar-row' : 'stat-bar-row stat-bar-row-suppressed'}">
    <span class="stat-bar-key">${keyHtml(lang, table, cell.key)}</span>
    <span class="stat-bar-track">${bar}</span>
    <span class="stat-bar-value">${numberHtml(lang, cell)}</span>
  </div>`;
}

/**
 * The bars, one a cell, each with its key and value, then the total. Named as an image (a
 * screen reader hears the title, then reads the table beside it, which has every figure).
 */
export function barChart(lang: Lang, table: ReleaseTable, title: string): SafeHtml {
  const max = Math.max(0, ...table.cells.filter(shown).map((c) => c.value));
  return html`<div class="stat-bar-chart" role="img" aria-label="${t(lang, 'statistics.chartLabel', { title })}">
    ${table.cells.map((cell) => barRow(lang, table, cell, max))}
    <p class="stat-bar-total">${tHtml(lang, 'statistics.totalValue', { value: numberHtml(lang, table.total) })}</p>
  </div>`;
}

/** The same figures as a data table, its caption the table's title: no reading depends on the chart. */
export function figuresTable(lang: Lang, table: ReleaseTable, title: string): SafeHtml {
  const rows = table.cells.map(
    (cell) =>
      html`<tr>
        <th scope="row">${keyHtml(lang, table, cell.key)}</th>
        <td class="num">${numberHtml(lang, cell)}</td>
      </tr>`,
  );
  const total = html`<tr class="total-row">
    <th scope="row">${t(lang, 'statistics.total')}</th>
    <td class="num">${numberHtml(lang, table.total)}</td>
  </tr>`;
  return dataTable(
    title,
    [t(lang, `statistics.head.${table.dimension}`), t(lang, `statistics.measure.${table.measure}`)],
    [...rows, total],
    // The heading above says the title: the caption names the table for a screen reader.
    { className: 'stat-figures', hiddenCaption: true },
  );
}

/** One table of a release: its heading, its chart and its figures (a table with no cell: said so, with its total). */
export function releaseTableHtml(lang: Lang, table: ReleaseTable, id: string): SafeHtml {
  const title = tableTitle(lang, table);
  const chart = table.cells.length === 0 ? html`<p class="hint">${t(lang, 'statistics.noCells')}</p>` : barChart(lang, table, title);
  // Not a region of its own: the figures' scrolling wrapper is one, by the same name.
  return html`<div class="stat-table">
    <h4 id="${id}">${title}</h4>
    <div class="stat-table-body">${chart} ${figuresTable(lang, table, title)}</div>
  </div>`;
}
