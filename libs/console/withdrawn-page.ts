import { visibleText } from './bidi.js';
import { noticePath } from './console-paths.js';
import type { PageContext, WithdrawnModel } from './console-models.js';
import { labelHtml, listHtml, timeHtml, valueHtml } from './format.js';
import { html, text, type SafeHtml } from './html.js';
import type { MessageKey } from './i18n/en.js';
import { t, tHtml } from './i18n/translate.js';
import { page } from './layout.js';

/**
 * A notice its issuer withdrew: a banner saying so, by whom, when and why (the code by
 * its meaning, the reason as the bus scrubbed it), and which versions went with it.
 * Nothing of its content: the node deleted it.
 */
export function renderWithdrawn(ctx: PageContext, model: WithdrawnModel): string {
  const { lang } = ctx;
  const fact = (label: MessageKey, value: SafeHtml): SafeHtml =>
    html`<div class="field-row">
      <dt>${t(lang, label)}</dt>
      <dd>${value}</dd>
    </div>`;
  const main = html`<h1>${tHtml(lang, 'withdrawn.title', { noticeId: model.noticeId })}</h1>
    <section aria-labelledby="withdrawn-heading" class="withdrawn-banner">
      <h2 id="withdrawn-heading">${t(lang, 'withdrawn.banner')}</h2>
      <p>${tHtml(lang, 'withdrawn.intro', { issuer: model.issuer })}</p>
      <dl class="facts">
        ${fact('withdrawn.code', labelHtml(lang, 'withdrawalCode', model.withdrawalCode))}
        ${fact('withdrawn.reason', html`<span class="summary-text">${valueHtml(lang, model.reason)}</span>`)}
        ${fact('withdrawn.issuedAt', timeHtml(lang, model.issuedAt))} ${fact('withdrawn.withdrawnAt', timeHtml(lang, model.withdrawnAt))}
        ${fact('withdrawn.by', html`<code>${text(model.byNoticeId)}</code>`)}
        ${fact(
          'withdrawn.versions',
          listHtml(
            lang,
            model.noticeIds.map((id) => html`<code>${text(id)}</code>`),
          ),
        )}
      </dl>
    </section>`;
  return page(ctx, {
    title: t(lang, 'withdrawn.title', { noticeId: visibleText(model.noticeId) }),
    path: noticePath(model.noticeId),
    bodyClass: 'page-notice page-withdrawn',
    main,
  });
}
