import { CONSOLE_PATHS, refusePath, releasePath } from './console-paths.js';
import type { PageContext } from './console-models.js';
import { postForm } from './forms.js';
import { html, text, type SafeHtml } from './html.js';
import { t, tHtml } from './i18n/translate.js';
import { page } from './layout.js';
import { mayDecideWiden, type RequestsModel, type WidenLimits, type WidenRow } from './widen-models.js';
import { widenCategoriesHtml, widenTable } from './widen-table.js';

/** A supervisor's decision on one pending request: release it (for so many days) or refuse it (with a reason, or none). */
function decisionHtml(ctx: PageContext, row: WidenRow, i: number, limits: WidenLimits): SafeHtml {
  const { lang } = ctx;
  const release = row.releasable
    ? postForm(
        ctx,
        releasePath(row.requestId),
        html`<div class="field">
            <label for="release-days-${i}">${t(lang, 'requests.days', { max: limits.releaseDays.max })}</label>
            <input
              id="release-days-${i}"
              name="expiresInDays"
              type="number"
              inputmode="numeric"
              required
              min="1"
              max="${limits.releaseDays.max}"
              step="1"
              value="${limits.releaseDays.default}"
            />
          </div>
          <button type="submit">${tHtml(lang, 'requests.release', { requester: row.requester })}</button>`,
        'stacked',
      )
    : html`<p class="not-releasable">${tHtml(lang, 'widenError.notPublishedHere', { noticeId: row.noticeId })}</p>`;
  const refuse = postForm(
    ctx,
    refusePath(row.requestId),
    html`<div class="field">
        <label for="refuse-reason-${i}">${tHtml(lang, 'requests.refuseReason', { requester: row.requester })}</label>
        <textarea id="refuse-reason-${i}" name="reason" rows="3" maxlength="${limits.reasonMax}"></textarea>
      </div>
      <button type="submit" class="danger">${tHtml(lang, 'requests.refuse', { requester: row.requester })}</button>`,
    'stacked',
  );
  return html`<article class="widen-decision" aria-labelledby="decide-${i}">
    <h3 id="decide-${i}">
      ${tHtml(lang, 'requests.decideOne', {
        requestId: html`<code>${text(row.requestId)}</code>`,
        requester: row.requester,
        categories: widenCategoriesHtml(lang, row.categories),
      })}
    </h3>
    <p class="widen-text">${tHtml(lang, 'requests.theirReason', { reason: row.reason })}</p>
    <div class="widen-decision-forms">${release} ${refuse}</div>
  </article>`;
}

/** Requests addressed to the agency: the list; for a supervisor, a decision for each pending one; for an officer, who decides. */
function incomingHtml(ctx: PageContext, rows: readonly WidenRow[], limits: WidenLimits): SafeHtml {
  const { lang } = ctx;
  if (rows.length === 0) return html`<p>${t(lang, 'requests.incomingEmpty')}</p>`;
  const pending = rows.filter((r) => r.status === 'PENDING');
  const decide =
    pending.length === 0
      ? ''
      : mayDecideWiden(ctx.officer?.role)
        ? html`<h3 id="decide-heading">${t(lang, 'requests.decide')}</h3>
            ${pending.map((r, i) => decisionHtml(ctx, r, i, limits))}`
        : html`<p class="hint">${t(lang, 'requests.supervisorsDecide')}</p>`;
  return html`${widenTable(lang, t(lang, 'requests.incomingCaption'), rows, ['notice', 'requester'])} ${decide}`;
}

function outgoingHtml(ctx: PageContext, rows: readonly WidenRow[]): SafeHtml {
  const { lang } = ctx;
  if (rows.length === 0) return html`<p>${t(lang, 'requests.outgoingEmpty')}</p>`;
  return widenTable(lang, t(lang, 'requests.outgoingCaption'), rows, ['notice', 'issuer']);
}

/**
 * Requests to widen: those addressed to the agency as the issuer of a notice (a
 * supervisor releases or refuses each pending one), and those the agency made, with what
 * became of them. The bus not answering is said in place of the lists.
 */
export function renderRequests(ctx: PageContext, model: RequestsModel): string {
  const { lang } = ctx;
  const lists = model.lists;
  const sections = lists
    ? html`<section aria-labelledby="incoming-heading">
          <h2 id="incoming-heading">${t(lang, 'requests.incoming')}</h2>
          ${incomingHtml(ctx, lists.incoming, model.limits)}
        </section>
        <section aria-labelledby="outgoing-heading">
          <h2 id="outgoing-heading">${t(lang, 'requests.outgoing')}</h2>
          ${outgoingHtml(ctx, lists.outgoing)}
        </section>`
    : html`<p class="flash flash-error" role="alert">${t(lang, 'widen.unavailable')}</p>`;
  const main = html`<h1>${t(lang, 'requests.title')}</h1>
    <p class="hint">${t(lang, 'requests.intro')}</p>
    ${sections}`;
  return page(ctx, {
    title: t(lang, 'requests.title'),
    path: CONSOLE_PATHS.requests,
    bodyClass: 'page-requests',
    current: 'requests',
    main,
  });
}
