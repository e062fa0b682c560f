import { visibleText } from './bidi.js';
import { casePath, noticePath, printPath } from './console-paths.js';
import type { Lang, NoticeModel, PageContext } from './console-models.js';
import { labelHtml, labelText, listHtml, timeHtml, valueHtml } from './format.js';
import { html, text, type SafeHtml } from './html.js';
import type { MessageKey } from './i18n/en.js';
import { handlingSection } from './handling.js';
import { t, tHtml } from './i18n/translate.js';
import { page } from './layout.js';
import { EntityNames, categoryHtml, elementsHtml, withheldHtml } from './notice-elements.js';
import { repliesHtml, versionsHtml } from './notice-versions.js';
import { supplementHtml, widenSectionHtml } from './notice-widen.js';
import { replyActionHtml } from './relation-actions.js';
import { TLP_LABELS, tlpBanner, tlpClass } from './tlp.js';

function countryList(lang: Lang, codes: string[]): SafeHtml {
  return listHtml(
    lang,
    codes.map((c) => text(c)),
  );
}

function factsHtml(lang: Lang, model: NoticeModel, links: boolean): SafeHtml {
  const fact = (label: MessageKey, value: SafeHtml): SafeHtml =>
    html`<div class="field-row">
      <dt>${t(lang, label)}</dt>
      <dd>${value}</dd>
    </div>`;
  const caseRef =
    model.caseRef === ''
      ? valueHtml(lang, '')
      : links
        ? html`<a href="${casePath(model.caseRef)}">${text(model.caseRef)}</a>`
        : text(model.caseRef);
  const route = html`<dl class="route">
    <div class="field-row">
      <dt>${t(lang, 'notice.origin')}</dt>
      <dd>${countryList(lang, model.route.origin)}</dd>
    </div>
    <div class="field-row">
      <dt>${t(lang, 'notice.transit')}</dt>
      <dd>${countryList(lang, model.route.transit)}</dd>
    </div>
    <div class="field-row">
      <dt>${t(lang, 'notice.destination')}</dt>
      <dd>${countryList(lang, model.route.destination)}</dd>
    </div>
  </dl>`;
  return html`<dl class="facts">
    ${fact('notice.id', html`<code>${text(model.noticeId)}</code>`)} ${fact('notice.type', labelHtml(lang, 'noticeType', model.type))}
    ${fact('notice.case', html`${caseRef}${links && model.caseRef !== '' ? html` <a class="timeline-link" href="${casePath(model.caseRef)}">${t(lang, 'notice.timeline')}</a>` : ''}`)}
    ${fact('notice.issuer', valueHtml(lang, model.issuer))} ${fact('notice.issuedAt', timeHtml(lang, model.issuedAt))}
    ${fact('notice.receivedAt', timeHtml(lang, model.receivedAt))}
    ${fact(
      'notice.caveats',
      listHtml(
        lang,
        model.caveats.map((c) => labelHtml(lang, 'caveat', c)),
      ),
    )}
    ${fact('notice.mode', labelHtml(lang, 'mode', model.mode))} ${fact('notice.route', route)}
    ${fact(
      'notice.addressees',
      listHtml(
        lang,
        model.addressees.map((a) => text(a)),
      ),
    )}
    ${fact('notice.migrantCount', html`${model.migrantCount}`)} ${fact('notice.deathsReported', html`${model.deathsReported}`)}
    ${fact('notice.policyVersion', valueHtml(lang, model.policyVersion))}
    ${fact(
      'notice.granted',
      listHtml(
        lang,
        model.grantedCategories.map((c) => categoryHtml(lang, c)),
      ),
    )}
  </dl>`;
}

function signaturesHtml(lang: Lang, model: NoticeModel): SafeHtml {
  return html`<dl class="facts">
      <div class="field-row">
        <dt>${t(lang, 'notice.signerKid')}</dt>
        <dd><code class="kid">${valueHtml(lang, model.signerKid)}</code></dd>
      </div>
    </dl>
    ${
      model.verified
        ? html`<p class="verified">${t(lang, 'notice.verified')}</p>`
        : html`<p class="not-verified" role="alert">${t(lang, 'notice.notVerified')}</p>`
    }`;
}

/** The notice's content, shared by the page and its print view. */
function noticeBody(ctx: PageContext, model: NoticeModel, links: boolean): SafeHtml {
  const { lang } = ctx;
  const names = new EntityNames(lang);
  // Elements are named before the withheld list, so "Person 1" is the same person in both.
  const elements = elementsHtml(lang, model, names);
  const receipt = model.receiptAt
    ? html`<p class="receipt">${tHtml(lang, 'notice.receipt', { time: timeHtml(lang, model.receiptAt) })}</p>`
    : '';
  return html`${tlpBanner(lang, model.tlp)}
    <h1>${noticeTitle(lang, model)}</h1>
    ${versionsHtml(lang, model, links)} ${supplementHtml(lang, model)} ${repliesHtml(lang, model, links)}
    ${handlingSection(lang, model.handling)} ${receipt} ${links ? replyActionHtml(ctx, model.noticeId) : ''}
    ${links ? html`<p class="print-link"><a href="${printPath(model.noticeId)}">${t(lang, 'notice.print')}</a></p>` : ''}
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading">${t(lang, 'notice.facts')}</h2>
      ${factsHtml(lang, model, links)}
    </section>
    <section aria-labelledby="signatures-heading">
      <h2 id="signatures-heading">${t(lang, 'notice.signatures')}</h2>
      ${signaturesHtml(lang, model)}
    </section>
    <section aria-labelledby="elements-heading">
      <h2 id="elements-heading">${t(lang, 'notice.elements')}</h2>
      ${elements}
    </section>
    <section aria-labelledby="withheld-heading" class="withheld">
      <h2 id="withheld-heading">${t(lang, 'notice.withheld')}</h2>
      ${withheldHtml(lang, model.withheld, names)}
    </section>
    ${links ? widenSectionHtml(ctx, model) : ''}`;
}

/** "TLP:AMBER Alert, case IT-BA-2026-0042" as plain text (for <title>); a value not known has its controls shown. */
function noticeTitleText(lang: Lang, model: NoticeModel): string {
  return t(lang, 'notice.title', {
    tlp: TLP_LABELS[model.tlp],
    type: labelText(lang, 'noticeType', model.type),
    caseRef: visibleText(model.caseRef),
  });
}

function noticeTitle(lang: Lang, model: NoticeModel): SafeHtml {
  return tHtml(lang, 'notice.title', {
    tlp: TLP_LABELS[model.tlp],
    type: labelHtml(lang, 'noticeType', model.type),
    caseRef: model.caseRef,
  });
}

/**
 * A notice as this agency received it: the TLP banner, the core facts (linking to the
 * case's timeline), the signatures, the elements by entity with their categories and what
 * the bus derived, and what was withheld (paths, categories, counts, never a value); a
 * supplementary view says which release it carries, and an officer may ask the issuer for
 * what was withheld.
 */
export function renderNotice(ctx: PageContext, model: NoticeModel): string {
  return page(ctx, {
    title: noticeTitleText(ctx.lang, model),
    path: noticePath(model.noticeId),
    bodyClass: `page-notice ${tlpClass(model.tlp)}-page`,
    main: noticeBody(ctx, model, true),
  });
}

/**
 * The notice for printing: its TLP marking at the top and bottom of every printed page
 * (fixed in print, which Chromium repeats per page; the frame table's header and footer
 * keep the content clear of them), the same content, no navigation.
 */
export function renderPrint(ctx: PageContext, model: NoticeModel): string {
  const { lang } = ctx;
  const marking = (where: 'top' | 'bottom'): SafeHtml =>
    html`<div class="print-marking print-marking-${where} ${tlpClass(model.tlp)}" aria-hidden="true">${TLP_LABELS[model.tlp]}</div>`;
  const origin = ctx.officer
    ? html`<p class="print-origin">${tHtml(lang, 'print.origin', { agency: ctx.agency, name: ctx.officer.name })}</p>`
    : '';
  const main = html`${marking('top')}
    <p class="no-print">${t(lang, 'print.hint')} <a href="${noticePath(model.noticeId)}">${t(lang, 'print.back')}</a></p>
    <table class="print-frame" role="presentation">
      <thead>
        <tr>
          <td><div class="print-space"></div></td>
        </tr>
      </thead>
      <tfoot>
        <tr>
          <td><div class="print-space"></div></td>
        </tr>
      </tfoot>
      <tbody>
        <tr>
          <td>${noticeBody(ctx, model, false)} ${origin}</td>
        </tr>
      </tbody>
    </table>
    ${marking('bottom')}`;
  return page(ctx, {
    title: t(lang, 'print.title', { title: noticeTitleText(lang, model) }),
    path: printPath(model.noticeId),
    bodyClass: `page-print ${tlpClass(model.tlp)}-page`,
    navigation: false,
    main,
  });
}
