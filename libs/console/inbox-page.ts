import { visibleText } from './bidi.js';
import { CONSOLE_PATHS, casePath, inboxPath, noticePath } from './console-paths.js';
import type { InboxModel, InboxRow, PageContext } from './console-models.js';
import { labelHtml, labelText, timeHtml, valueHtml } from './format.js';
import { handlingMarker } from './handling.js';
import { replyMarker, statusMarker } from './notice-versions.js';
import { html, raw, text, type SafeHtml } from './html.js';
import { t } from './i18n/translate.js';
import { page } from './layout.js';
import { TLP_LABELS, TLP_LEVELS, tlpBadge } from './tlp.js';

const COLUMNS = 7;

function select(
  id: string,
  name: string,
  label: string,
  anyLabel: string,
  options: { value: string; label: string }[],
  chosen: string | undefined,
): SafeHtml {
  const items = options.map((o) => html`<option value="${o.value}" ${o.value === chosen ? raw(' selected') : ''}>${o.label}</option>`);
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${name}">
      <option value="">${anyLabel}</option>
      ${items}
    </select>
  </div>`;
}

function filterForm(ctx: PageContext, model: InboxModel): SafeHtml {
  const { lang } = ctx;
  const f = model.filters;
  const any = t(lang, 'inbox.any');
  const plain = (values: string[]): { value: string; label: string }[] => values.map((v) => ({ value: v, label: visibleText(v) }));
  return html`<form method="get" action="${CONSOLE_PATHS.inbox}" class="filters" role="search" aria-labelledby="filters-heading">
    <h2 id="filters-heading">${t(lang, 'inbox.filters')}</h2>
    <div class="filter-fields">
      ${select('filter-case', 'caseRef', t(lang, 'inbox.caseRef'), any, plain(model.choices.caseRefs), f.caseRef)}
      ${select(
        'filter-tlp',
        'tlp',
        t(lang, 'inbox.tlp'),
        any,
        TLP_LEVELS.map((l) => ({ value: l, label: TLP_LABELS[l] })),
        f.tlp,
      )}
      ${select(
        'filter-type',
        'type',
        t(lang, 'inbox.type'),
        any,
        model.choices.types.map((v) => ({ value: v, label: labelText(lang, 'noticeType', v) })),
        f.type,
      )}
      ${select('filter-issuer', 'issuer', t(lang, 'inbox.issuer'), any, plain(model.choices.issuers), f.issuer)}
      <div class="field field-check">
        <input id="filter-unread" name="unread" type="checkbox" value="1" ${f.unread ? raw(' checked') : ''} />
        <label for="filter-unread">${t(lang, 'inbox.unread')}</label>
      </div>
      <div class="field">
        <label for="filter-q">${t(lang, 'inbox.search')}</label>
        <input id="filter-q" name="q" type="search" value="${f.q ?? ''}" maxlength="200" aria-describedby="filter-q-hint" />
        <p class="hint" id="filter-q-hint">${t(lang, 'inbox.searchHint')}</p>
      </div>
    </div>
    <p class="actions">
      <button type="submit">${t(lang, 'inbox.apply')}</button> <a href="${CONSOLE_PATHS.inbox}">${t(lang, 'inbox.clear')}</a>
    </p>
  </form>`;
}

function rowHtml(ctx: PageContext, row: InboxRow): SafeHtml {
  const { lang } = ctx;
  const state = row.readByMe
    ? html`<span class="read-state read">${t(lang, 'inbox.read')}</span>`
    : html`<span class="read-state unread">${t(lang, 'inbox.unreadState')}</span>`;
  // A withdrawn notice's level, type and case went with its content.
  const withdrawn = row.status?.state === 'withdrawn';
  return html`<tr data-notice-id="${row.noticeId}" class="${row.readByMe ? 'read' : 'unread'}">
    <td>${withdrawn ? valueHtml(lang, '') : tlpBadge(row.tlp)}</td>
    <td>
      <a href="${noticePath(row.noticeId)}" class="notice-link"><code>${text(row.noticeId)}</code></a
      >${statusMarker(lang, row.status)}${replyMarker(lang, row.replyTo)}${handlingMarker(lang, row.handling)}
    </td>
    <td>${labelHtml(lang, 'noticeType', row.type)}</td>
    <td>${row.caseRef === '' ? valueHtml(lang, '') : html`<a href="${casePath(row.caseRef)}">${text(row.caseRef)}</a>`}</td>
    <td>${text(row.issuer)}</td>
    <td>${timeHtml(lang, row.receivedAt)}</td>
    <td>${state}</td>
  </tr>`;
}

/** One row of the inbox table, alone: what the live inbox fetches and inserts for a new view. */
export function renderInboxRow(ctx: PageContext, row: InboxRow): string {
  return rowHtml(ctx, row).toString();
}

/**
 * The inbox: a filter form (GET /inbox) and the table of notices, each row linking to its
 * notice and its case. The table body is where console.js adds rows as views arrive.
 */
export function renderInbox(ctx: PageContext, model: InboxModel): string {
  const { lang } = ctx;
  const rows =
    model.rows.length > 0
      ? model.rows.map((row) => rowHtml(ctx, row))
      : html`<tr class="empty" data-empty="">
          <td colspan="${COLUMNS}">${t(lang, 'inbox.empty')}</td>
        </tr>`;
  const main = html`<h1>${t(lang, 'inbox.title')}</h1>
    ${filterForm(ctx, model)}
    <p class="count" id="inbox-count">${t(lang, 'inbox.count', { shown: model.rows.length, total: model.total })}</p>
    <div class="table-wrap">
      <table class="notices">
        <caption>
          ${t(lang, 'inbox.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'column.tlp')}</th>
            <th scope="col">${t(lang, 'column.notice')}</th>
            <th scope="col">${t(lang, 'column.type')}</th>
            <th scope="col">${t(lang, 'column.case')}</th>
            <th scope="col">${t(lang, 'column.issuer')}</th>
            <th scope="col">${t(lang, 'column.received')}</th>
            <th scope="col">${t(lang, 'column.status')}</th>
          </tr>
        </thead>
        <tbody id="inbox-rows" data-live="${CONSOLE_PATHS.liveRows}">
          ${rows}
        </tbody>
      </table>
    </div>`;
  return page(ctx, { title: t(lang, 'inbox.title'), path: inboxPath(model.filters), bodyClass: 'page-inbox', current: 'inbox', main });
}
