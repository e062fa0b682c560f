import { describeReason } from '../errors/index.js';
import { dataTable, html, text, type SafeHtml } from '../console/index.js';
import type { AuditPageContext, ChartsModel } from './audit-console-models.js';
import { auditPage } from './audit-layout.js';
import { kindClass, perDayChart, quarantineChart } from './chart-svg.js';
import { at } from './i18n/audit-translate.js';
import { valueCell } from './record-cells.js';

function legend(ctx: AuditPageContext, model: ChartsModel): SafeHtml {
  return html`<div class="legend">
    <h3 id="legend-heading">${at(ctx.lang, 'charts.legend')}</h3>
    <ul aria-labelledby="legend-heading">
      ${model.kinds.map((k) => html`<li><span class="${`swatch ${kindClass(k)}`}" aria-hidden="true"></span><code>${k}</code></li>`)}
    </ul>
  </div>`;
}

function perDay(ctx: AuditPageContext, model: ChartsModel): SafeHtml {
  const { lang } = ctx;
  if (model.days.length === 0) return html`<p>${at(lang, 'charts.noRecords')}</p>`;
  const rows = model.days.map(
    (d) =>
      html`<tr>
        <th scope="row">${d.day}</th>
        ${model.kinds.map((k) => html`<td class="num">${d.counts[k] ?? 0}</td>`)}
        <td class="num">${d.total}</td>
      </tr>`,
  );
  return html`<p>${at(lang, 'charts.shownDays', { shown: model.days.length, total: model.totalDays })}</p>
    <figure class="chart">
      ${perDayChart(model, at(lang, 'charts.perDay'), at(lang, 'charts.perDayLabel'))}
      <figcaption>${legend(ctx, model)}</figcaption>
    </figure>
    ${dataTable(at(lang, 'charts.perDayTable'), [at(lang, 'column.day'), ...model.kinds, at(lang, 'column.total')], rows, { className: 'chart-table' })}`;
}

function quarantines(ctx: AuditPageContext, model: ChartsModel): SafeHtml {
  const { lang } = ctx;
  if (model.quarantines.length === 0) return html`<p>${at(lang, 'charts.noQuarantines')}</p>`;
  const rows = model.quarantines.map(
    (q) =>
      html`<tr>
        <th scope="row">${q.code === '' ? valueCell(lang, '') : html`<code>${text(q.code)}</code>`}</th>
        <td class="num">${q.count}</td>
        <td>${describeReason(q.code)}</td>
      </tr>`,
  );
  return html`<figure class="chart">${quarantineChart(model, at(lang, 'charts.quarantines'), at(lang, 'charts.quarantinesLabel'))}</figure>
    ${dataTable(at(lang, 'charts.quarantinesTable'), [at(lang, 'column.code'), at(lang, 'column.count'), at(lang, 'column.meaning')], rows, { className: 'chart-table' })}`;
}

/** `/charts`: records per day by kind, and quarantines by reason code, each with the table of its figures. */
export function renderCharts(ctx: AuditPageContext, model: ChartsModel): string {
  const { lang } = ctx;
  const main = html`<h1>${at(lang, 'charts.title')}</h1>
    <section aria-labelledby="per-day-heading">
      <h2 id="per-day-heading">${at(lang, 'charts.perDay')}</h2>
      ${perDay(ctx, model)}
    </section>
    <section aria-labelledby="quarantine-heading">
      <h2 id="quarantine-heading">${at(lang, 'charts.quarantines')}</h2>
      ${quarantines(ctx, model)}
    </section>`;
  return auditPage(ctx, { title: at(lang, 'charts.title'), bodyClass: 'page-charts', current: 'charts', main });
}
