import { withdrawalCodeNames } from '../notice/index.js';
import { visibleText } from './bidi.js';
import { sentPath, withdrawPath } from './console-paths.js';
import type { PageContext } from './console-models.js';
import { csrfInput } from './forms.js';
import { html, raw, text, type SafeHtml } from './html.js';
import type { MessageKey } from './i18n/en.js';
import { t, tHtml } from './i18n/translate.js';
import { page } from './layout.js';
import type { WithdrawFormModel } from './sent-models.js';

function problemsHtml(ctx: PageContext, model: WithdrawFormModel): SafeHtml {
  if (model.problems.length === 0) return html``;
  return html`<div class="flash flash-error" role="alert" id="withdraw-problems">
    <p>${t(ctx.lang, 'withdraw.problems')}</p>
    <ul>
      ${model.problems.map((p) => html`<li><a href="${`#${p.field}`}">${text(p.message)}</a></li>`)}
    </ul>
  </div>`;
}

const invalid = (model: WithdrawFormModel, field: 'code' | 'reason'): SafeHtml =>
  model.problems.some((p) => p.field === field) ? raw(' aria-invalid="true"') : html``;

/**
 * The form that withdraws one of the agency's notices: the code, each by its meaning as
 * recipients will read it, and the reason, under a warning that it reaches every
 * recipient and must name no one. It posts the withdrawal's own id, chosen when the form
 * was first shown, so that a form sent twice is one withdrawal.
 */
export function renderWithdrawForm(ctx: PageContext, model: WithdrawFormModel): string {
  const { lang } = ctx;
  const codes = withdrawalCodeNames().map(
    (code) =>
      html`<option value="${code}" ${code === model.code ? raw(' selected') : ''}>
        ${t(lang, `withdrawalCode.${code}` as MessageKey)}
      </option>`,
  );
  const main = html`<h1>${tHtml(lang, 'withdraw.title', { noticeId: model.noticeId })}</h1>
    <p>${t(lang, 'withdraw.intro')}</p>
    ${problemsHtml(ctx, model)}
    <form method="post" action="${withdrawPath(model.noticeId)}" class="stacked" novalidate>
      ${csrfInput(ctx)}
      <input type="hidden" name="withdrawalId" value="${model.withdrawalId}" />
      <fieldset>
        <legend>${t(lang, 'withdraw.legend')}</legend>
        <div class="field">
          <label for="code">${t(lang, 'withdraw.code')}</label>
          <select id="code" name="code" required aria-describedby="code-hint" ${invalid(model, 'code')}>
            <option value="">${t(lang, 'compose.choose')}</option>
            ${codes}
          </select>
          <p class="hint" id="code-hint">${t(lang, 'withdraw.codeHint')}</p>
        </div>
        <div class="field">
          <label for="reason">${t(lang, 'withdraw.reason')}</label>
          <textarea
            id="reason"
            name="reason"
            rows="4"
            maxlength="${model.reasonMaxChars}"
            required
            aria-describedby="reason-warning"
            ${invalid(model, 'reason')}
          >
${model.reason}</textarea>
          <p class="flash flash-error" id="reason-warning">
            <strong>${t(lang, 'withdraw.warningTitle')}</strong> ${t(lang, 'withdraw.warning')}
          </p>
        </div>
      </fieldset>
      <p class="actions">
        <button type="submit" class="danger">${t(lang, 'withdraw.submit')}</button>
        <a href="${sentPath(model.noticeId)}">${t(lang, 'withdraw.cancel')}</a>
      </p>
    </form>`;
  return page(ctx, {
    title: t(lang, 'withdraw.title', { noticeId: visibleText(model.noticeId) }),
    path: withdrawPath(model.noticeId),
    bodyClass: 'page-withdraw',
    current: 'sent',
    main,
  });
}
