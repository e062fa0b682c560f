import { dataTable, html, raw, type SafeHtml } from '../console/index.js';
import { AUDIT_KINDS } from '../audit/index.js';
import type { AuditPageContext, RecordsModel, RecordsQueryField } from './audit-console-models.js';
import { auditPage } from './audit-layout.js';
import { AUDIT_PATHS, recordsPath } from './audit-paths.js';
import type { AuditMessageKey } from './i18n/en.js';
import { at } from './i18n/audit-translate.js';
import { recordCells, recordHeads } from './record-cells.js';

const INVALID_MESSAGE: Record<RecordsQueryField, AuditMessageKey> = {
  notice: 'records.invalidNotice',
  agency: 'records.invalidAgency',
  kind: 'records.invalidKind',
  since: 'records.invalidTime',
  until: 'records.invalidTime',
  page: 'records.invalidPage',
};

function textField(
  ctx: AuditPageContext,
  model: RecordsModel,
  field: 'notice' | 'agency' | 'since' | 'until',
  label: string,
  hint?: string,
) {
  const id = `f-${field}`;
  const invalid = model.invalid.includes(field);
  const described = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <input
      type="text"
      id="${id}"
      name="${field}"
      value="${model.typed[field] ?? ''}"
      ${invalid ? raw(' aria-invalid="true"') : ''}
      ${described ? html` aria-describedby="${described}"` : ''}
      ${field === 'since' || field === 'until' ? raw(' inputmode="text" autocomplete="off" spellcheck="false"') : ''}
    />
    ${hint ? html`<p class="hint" id="${`${id}-hint`}">${hint}</p>` : ''}
    ${invalid ? html`<p class="field-error" id="${`${id}-error`}">${at(ctx.lang, INVALID_MESSAGE[field])}</p>` : ''}
  </div>`;
}

function kindField(ctx: AuditPageContext, model: RecordsModel): SafeHtml {
  const chosen = model.query.kind;
  const invalid = model.invalid.includes('kind');
  return html`<div class="field">
    <label for="f-kind">${at(ctx.lang, 'records.kind')}</label>
    <select id="f-kind" name="kind" ${invalid ? raw(' aria-invalid="true" aria-describedby="f-kind-error"') : ''}>
      <option value="">${at(ctx.lang, 'records.any')}</option>
      ${AUDIT_KINDS.map((k) => html`<option value="${k}" ${k === chosen ? raw(' selected') : ''}>${k}</option>`)}
    </select>
    ${invalid ? html`<p class="field-error" id="f-kind-error">${at(ctx.lang, 'records.invalidKind')}</p>` : ''}
  </div>`;
}

function filterForm(ctx: AuditPageContext, model: RecordsModel): SafeHtml {
  const { lang } = ctx;
  return html`<form method="get" action="${AUDIT_PATHS.records}" class="filters" aria-labelledby="filters-heading">
    <h2 id="filters-heading">${at(lang, 'records.filters')}</h2>
    <div class="filter-fields">
      ${textField(ctx, model, 'notice', at(lang, 'records.notice'))}
      ${textField(ctx, model, 'agency', at(lang, 'records.agency'), at(lang, 'records.agencyHint'))} ${kindField(ctx, model)}
      ${textField(ctx, model, 'since', at(lang, 'records.since'), at(lang, 'records.timeHint'))}
      ${textField(ctx, model, 'until', at(lang, 'records.until'))}
    </div>
    <p class="actions">
      <button type="submit">${at(lang, 'records.apply')}</button>
      <a href="${AUDIT_PATHS.records}">${at(lang, 'records.clear')}</a>
    </p>
  </form>`;
}

function pagination(ctx: AuditPageContext, model: RecordsModel): SafeHtml {
  const pages = Math.max(1, Math.ceil(model.matched / model.pageSize));
  const page = model.query.page;
  if (pages === 1 && page === 1) return html``;
  return html`<nav class="pagination" aria-label="${at(ctx.lang, 'records.pagination')}">
    <ul>
      ${page > 1 ? html`<li><a href="${recordsPath({ ...model.query, page: page - 1 })}" rel="prev">${at(ctx.lang, 'records.previous')}</a></li>` : ''}
      <li aria-current="page">${at(ctx.lang, 'records.pageOf', { page, pages })}</li>
      ${page < pages ? html`<li><a href="${recordsPath({ ...model.query, page: page + 1 })}" rel="next">${at(ctx.lang, 'records.next')}</a></li>` : ''}
    </ul>
  </nav>`;
}

function results(ctx: AuditPageContext, model: RecordsModel): SafeHtml {
  const { lang } = ctx;
  if (model.invalid.length > 0) return html`<p class="flash flash-error" role="alert">${at(lang, 'records.invalid')}</p>`;
  if (model.rows.length === 0) return html`<p role="status">${at(lang, 'records.empty')}</p>`;
  const first = (model.query.page - 1) * model.pageSize + 1;
  return html`<p role="status">
      ${at(lang, 'records.count', { first, last: first + model.rows.length - 1, matched: model.matched, height: model.height })}
    </p>
    ${dataTable(
      at(lang, 'records.caption'),
      recordHeads(lang),
      model.rows.map(
        (r) =>
          html`<tr>
            ${recordCells(lang, r)}
          </tr>`,
      ),
      { className: 'records' },
    )}
    ${pagination(ctx, model)}`;
}

/** `/records`: the chain's records by notice, agency, kind and time, a bounded page at a time. */
export function renderRecords(ctx: AuditPageContext, model: RecordsModel): string {
  const { lang } = ctx;
  const main = html`<h1>${at(lang, 'records.title')}</h1>
    ${filterForm(ctx, model)} ${results(ctx, model)}`;
  return auditPage(ctx, { title: at(lang, 'records.title'), bodyClass: 'page-records', current: 'records', main });
}
