import { visibleText } from './bidi.js';
import { dataTable } from './table.js';
import { receivedNoticeColumns } from './notice-columns.js';
import { CONSOLE_PATHS, noticePath, sentPath } from './console-paths.js';
import type { PageContext } from './console-models.js';
import { labelHtml, timeHtml } from './format.js';
import { handlingListHtml } from './handling.js';
import { html, text, type SafeHtml } from './html.js';
import { t, tHtml } from './i18n/translate.js';
import { page } from './layout.js';
import type { QuarantineRow, SentNoticeModel, SentReply, SentRow } from './sent-models.js';
import { tlpBadge } from './tlp.js';
import { sentActionsHtml } from './relation-actions.js';

const statusHtml = (ctx: PageContext, status: SentRow['status']): SafeHtml =>
  html`<span class="${`status status-${status}`}">${t(ctx.lang, `status.${status}`)}</span>`;

/** The agency's own notices sent through this node, newest first. */
export function renderSentList(ctx: PageContext, model: { rows: SentRow[] }): string {
  const { lang } = ctx;
  const rows = model.rows.map(
    (r) =>
      html`<tr>
        <td>
          <a href="${sentPath(r.noticeId)}"><code>${text(r.noticeId)}</code></a>
        </td>
        <td>${statusHtml(ctx, r.status)} ${r.code ? html`<code>${text(r.code)}</code>` : ''}</td>
        <td>${text(r.submittedBy)}</td>
        <td>${timeHtml(lang, r.submittedAt)}</td>
        <td>${r.decidedAt ? timeHtml(lang, r.decidedAt) : ''}</td>
      </tr>`,
  );
  const main =
    rows.length === 0
      ? html`<h1>${t(lang, 'sent.title')}</h1>
          <p>${t(lang, 'sent.empty')}</p>`
      : html`<h1>${t(lang, 'sent.title')}</h1>
          ${dataTable(
            t(lang, 'sent.caption'),
            [
              t(lang, 'column.notice'),
              t(lang, 'column.status'),
              t(lang, 'column.submittedBy'),
              t(lang, 'column.submitted'),
              t(lang, 'column.decided'),
            ],
            rows,
          )}`;
  return page(ctx, { title: t(lang, 'sent.title'), path: CONSOLE_PATHS.sent, bodyClass: 'page-sent', current: 'sent', main });
}

/** The replies the node received to an own notice, each linked to its page. */
function repliesSection(ctx: PageContext, replies: readonly SentReply[]): SafeHtml {
  const { lang } = ctx;
  const table =
    replies.length === 0
      ? html`<p>${t(lang, 'sent.noReplies')}</p>`
      : dataTable(
          t(lang, 'sent.replies'),
          receivedNoticeColumns(lang),
          replies.map(
            (r) =>
              html`<tr class="reply">
                <td>${tlpBadge(r.tlp)}</td>
                <td>
                  <a href="${noticePath(r.noticeId)}"><code>${text(r.noticeId)}</code></a>
                </td>
                <td>${labelHtml(lang, 'noticeType', r.type)}</td>
                <td>${text(r.issuer)}</td>
                <td>${timeHtml(lang, r.issuedAt)}</td>
                <td>${timeHtml(lang, r.receivedAt)}</td>
              </tr>`,
          ),
          { hiddenCaption: true },
        );
  return html`<section aria-labelledby="replies-h">
    <h2 id="replies-h">${t(lang, 'sent.replies')}</h2>
    ${table}
  </section>`;
}

/** What became of one own notice: the decision, its handling codes, each recipient with its categories, who read it when, and the replies. */
export function renderSentNotice(ctx: PageContext, model: SentNoticeModel): string {
  const { lang } = ctx;
  const decision = model.decision
    ? html`<section aria-labelledby="decision-h">
        <h2 id="decision-h">${t(lang, 'sent.decision')}</h2>
        <p>${statusHtml(ctx, model.decision.status)} ${model.decision.code ? html`<code>${text(model.decision.code)}</code>` : ''}</p>
      </section>`
    : html``;
  const track = model.track;
  const deliveries = track
    ? track.deliveries.length === 0
      ? html`<p>${t(lang, 'sent.noDeliveries')}</p>`
      : dataTable(
          t(lang, 'sent.deliveries'),
          [t(lang, 'column.recipient'), t(lang, 'column.delivered'), t(lang, 'column.categories'), t(lang, 'column.withheld')],
          track.deliveries.map(
            (d) =>
              html`<tr class="delivery">
                <td>${text(d.recipient)}</td>
                <td>${timeHtml(lang, d.deliveredAt)}</td>
                <td>${d.categories.map((c) => html`<code>${text(c)}</code> `)}</td>
                <td>${d.withheldCategories.map((c) => html`<code>${text(c)}</code> `)}</td>
              </tr>`,
          ),
        )
    : html`<p>${tHtml(lang, 'sent.noTrack', { reason: model.trackError ?? '' })}</p>`;
  const receipts = track
    ? track.receipts.length === 0
      ? html`<p>${t(lang, 'sent.noReceipts')}</p>`
      : dataTable(
          t(lang, 'sent.receipts'),
          [t(lang, 'column.officer'), t(lang, 'column.agency'), t(lang, 'column.readAt')],
          track.receipts.map(
            (r) =>
              html`<tr class="receipt">
                <td>${text(r.officer)}</td>
                <td>${text(r.agency)}</td>
                <td>${timeHtml(lang, r.readAt)}</td>
              </tr>`,
          ),
        )
    : html``;
  const title = t(lang, 'sent.noticeTitle', { noticeId: visibleText(model.noticeId) });
  return page(ctx, {
    title,
    path: sentPath(model.noticeId),
    bodyClass: 'page-sent-notice',
    current: 'sent',
    main: html`<h1>${tHtml(lang, 'sent.noticeTitle', { noticeId: model.noticeId })}</h1>
      ${decision} ${model.changeable ? sentActionsHtml(ctx, model.noticeId) : ''}
      ${
        track && track.handling.length > 0
          ? html`<section aria-labelledby="handling-h" class="handling">
              <h2 id="handling-h">${t(lang, 'sent.handling')}</h2>
              ${handlingListHtml(lang, track.handling)}
            </section>`
          : ''
      }
      <section aria-labelledby="deliveries-h">
        <h2 id="deliveries-h">${t(lang, 'sent.deliveries')}</h2>
        ${track ? html`<p>${tHtml(lang, 'sent.policy', { policyVersion: track.policyVersion })}</p>` : ''} ${deliveries}
      </section>
      <section aria-labelledby="receipts-h">
        <h2 id="receipts-h">${t(lang, 'sent.receipts')}</h2>
        ${receipts}
      </section>
      ${model.replies ? repliesSection(ctx, model.replies) : ''}`,
  });
}

/** The agency's refused submissions, each with its reason in plain words. */
export function renderQuarantine(ctx: PageContext, model: { rows: QuarantineRow[] }): string {
  const { lang } = ctx;
  const rows = model.rows.map(
    (r) =>
      html`<tr>
        <td><code>${text(r.noticeId)}</code></td>
        <td><code>${text(r.code)}</code></td>
        <td>${text(r.reason)}</td>
        <td>${r.path ? html`<code>${text(r.path)}</code>` : ''}</td>
        <td>${timeHtml(lang, r.quarantinedAt)}</td>
      </tr>`,
  );
  const main = html`<h1>${t(lang, 'quarantine.title')}</h1>
    ${
      rows.length === 0
        ? html`<p>${t(lang, 'quarantine.empty')}</p>`
        : dataTable(
            t(lang, 'quarantine.caption'),
            [
              t(lang, 'column.notice'),
              t(lang, 'column.code'),
              t(lang, 'column.reason'),
              t(lang, 'column.field'),
              t(lang, 'column.received'),
            ],
            rows,
          )
    }`;
  return page(ctx, {
    title: t(lang, 'quarantine.title'),
    path: CONSOLE_PATHS.quarantine,
    bodyClass: 'page-quarantine',
    current: 'quarantine',
    main,
  });
}
