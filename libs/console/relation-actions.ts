import { composeReplyPath, composeUpdatePath, withdrawPath } from './console-paths.js';
import type { PageContext } from './console-models.js';
import { html, type SafeHtml } from './html.js';
import { t } from './i18n/translate.js';

/**
 * The links that start a reply, an update or a withdrawal: only for a supervisor, since
 * only a supervisor may send (services/node/caller.ts). The pages they open are the
 * composer, opened for the relation, and the withdrawal's form.
 */

const isSupervisor = (ctx: PageContext): boolean => ctx.officer?.role === 'supervisor';

/** On a notice received: reply to it. */
export function replyActionHtml(ctx: PageContext, noticeId: string): SafeHtml {
  if (!isSupervisor(ctx)) return html``;
  const { lang } = ctx;
  return html`<section aria-labelledby="reply-heading" class="notice-actions">
    <h2 id="reply-heading">${t(lang, 'reply.heading')}</h2>
    <p class="actions"><a href="${composeReplyPath(noticeId)}">${t(lang, 'reply.action')}</a></p>
    <p class="hint">${t(lang, 'reply.hint')}</p>
  </section>`;
}

/** On a notice the agency sent, which the node keeps: a new version of it, or its withdrawal. */
export function sentActionsHtml(ctx: PageContext, noticeId: string): SafeHtml {
  if (!isSupervisor(ctx)) return html``;
  const { lang } = ctx;
  return html`<section aria-labelledby="change-heading" class="notice-actions">
    <h2 id="change-heading">${t(lang, 'change.heading')}</h2>
    <ul>
      <li>
        <a href="${composeUpdatePath(noticeId)}">${t(lang, 'change.update')}</a>
        <p class="hint">${t(lang, 'change.updateHint')}</p>
      </li>
      <li>
        <a href="${withdrawPath(noticeId)}">${t(lang, 'change.withdraw')}</a>
        <p class="hint">${t(lang, 'change.withdrawHint')}</p>
      </li>
    </ul>
  </section>`;
}
