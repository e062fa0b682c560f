import { widenAskPath } from './console-paths.js';
import type { Lang, NoticeModel, PageContext } from './console-models.js';
import { postForm } from './forms.js';
import { html, raw, text, type SafeHtml } from './html.js';
import { t, tHtml } from './i18n/translate.js';
import { categoryHtml } from './notice-elements.js';
import { askableCategories, mayAskToWiden, type NoticeWidenModel } from './widen-models.js';
import { widenCategoriesHtml, widenTable } from './widen-table.js';

/**
 * A notice page's parts on requests to widen: the release a supplementary view carries,
 * and the form asking the issuer for what the view withheld, with the agency's requests
 * about the notice and their answers.
 */

/** "Released by <issuer> on request <id>", with the categories released; nothing for a view that is no supplement. */
export function supplementHtml(lang: Lang, model: NoticeModel): SafeHtml {
  const supplement = model.supplement;
  if (!supplement) return html``;
  return html`<section aria-labelledby="supplement-heading" class="supplement">
    <h2 id="supplement-heading">
      ${tHtml(lang, 'widen.supplementHeading', { issuer: model.issuer, requestId: html`<code>${text(supplement.requestId)}</code>` })}
    </h2>
    <p>${tHtml(lang, 'widen.supplementCategories', { categories: widenCategoriesHtml(lang, supplement.categories) })}</p>
  </section>`;
}

function askForm(ctx: PageContext, model: NoticeModel, widen: NoticeWidenModel, askable: readonly string[]): SafeHtml {
  const { lang } = ctx;
  const chosen = new Set(widen.form?.categories ?? []);
  const boxes = askable.map(
    (category, i) =>
      html`<div class="field-check">
        <input
          id="widen-category-${i}"
          name="categories"
          type="checkbox"
          value="${category}"
          ${chosen.has(category) ? raw(' checked') : ''}
        />
        <label for="widen-category-${i}">${categoryHtml(lang, category)}</label>
      </div>`,
  );
  return postForm(
    ctx,
    widenAskPath(model.noticeId),
    html`<input type="hidden" name="requestId" value="${widen.requestId}" />
      <fieldset>
        <legend>${t(lang, 'widen.categories')}</legend>
        ${boxes}
      </fieldset>
      <div class="field">
        <label for="widen-reason">${t(lang, 'widen.reason')}</label>
        <textarea id="widen-reason" name="reason" rows="4" required maxlength="${widen.reasonMax}" aria-describedby="widen-reason-hint">
${widen.form?.reason ?? ''}</textarea>
        <p class="hint" id="widen-reason-hint">${t(lang, 'widen.reasonHint', { max: widen.reasonMax })}</p>
      </div>
      <button type="submit">${t(lang, 'widen.ask')}</button>`,
    'stacked',
  );
}

function requestsHtml(lang: Lang, widen: NoticeWidenModel): SafeHtml {
  const list =
    widen.requests === undefined
      ? html`<p class="flash flash-error" role="alert">${t(lang, 'widen.unavailable')}</p>`
      : widen.requests.length === 0
        ? html`<p>${t(lang, 'widen.noneYet')}</p>`
        : widenTable(lang, t(lang, 'widen.yours'), widen.requests, ['issuer']);
  return html`<h3 id="widen-requests-heading">${t(lang, 'widen.yours')}</h3>
    ${list}`;
}

/**
 * "Ask the issuer for more": for an officer who may ask, the categories the view withheld
 * (checkboxes) and a reason; on a superseded version, word to ask about the latest; then
 * the agency's requests about this notice. Nothing where the page has no widen model
 * (the print view).
 */
export function widenSectionHtml(ctx: PageContext, model: NoticeModel): SafeHtml {
  const widen = model.widen;
  if (!widen) return html``;
  const { lang } = ctx;
  const askable = askableCategories(model.withheld);
  const ask = !mayAskToWiden(ctx.officer?.role)
    ? ''
    : model.history?.supersededBy
      ? html`<p>${t(lang, 'widen.askLatest')}</p>`
      : askable.length === 0
        ? html`<p>${t(lang, 'widen.nothingWithheld')}</p>`
        : html`<p class="hint">${tHtml(lang, 'widen.intro', { issuer: model.issuer })}</p>
            ${askForm(ctx, model, widen, askable)}`;
  return html`<section aria-labelledby="widen-heading" class="widen">
    <h2 id="widen-heading">${t(lang, 'widen.heading')}</h2>
    ${ask} ${requestsHtml(lang, widen)}
  </section>`;
}
