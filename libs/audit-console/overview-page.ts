import { html, text, timeHtml, type SafeHtml } from '../console/index.js';
import type { AuditPageContext, CheckpointSummary, OverviewModel } from './audit-console-models.js';
import { auditPage } from './audit-layout.js';
import { AUDIT_PATHS } from './audit-paths.js';
import { at, atHtml } from './i18n/audit-translate.js';

function fact(term: string, value: SafeHtml | string | number): SafeHtml {
  return html`<div class="field-row">
    <dt>${term}</dt>
    <dd>${value}</dd>
  </div>`;
}

function checkpointFacts(ctx: AuditPageContext, c: CheckpointSummary, height: number): SafeHtml {
  const { lang } = ctx;
  const signature = c.signatureValid
    ? html`<span class="verified">${at(lang, 'overview.signatureValid')}</span>`
    : html`<span class="not-verified">${at(lang, 'overview.signatureInvalid')}</span>`;
  return html`<dl class="facts">
    ${fact(at(lang, 'overview.checkpointIndex'), c.index)}
    ${fact(at(lang, 'overview.treeSize'), at(lang, 'overview.treeSizeValue', { count: c.treeSize, last: Math.max(c.treeSize - 1, 0) }))}
    ${fact(at(lang, 'overview.checkpointTime'), timeHtml(lang, c.time))}
    ${fact(at(lang, 'overview.rootHash'), html`<code>${c.rootPrefix}</code>`)} ${fact(at(lang, 'overview.signature'), signature)}
    ${fact(at(lang, 'overview.unsealed'), Math.max(height - c.index - 1, 0))}
  </dl>`;
}

/** `/`: the chain's height, its last signed checkpoint, and where to go from here. */
export function renderOverview(ctx: AuditPageContext, model: OverviewModel): string {
  const { lang } = ctx;
  const main = html`<h1>${at(lang, 'overview.title')}</h1>
    <section aria-labelledby="chain-heading">
      <h2 id="chain-heading">${at(lang, 'overview.chain')}</h2>
      <dl class="facts">
        ${fact(at(lang, 'overview.height'), html`<strong class="chain-height">${model.height}</strong>`)}
        ${fact(at(lang, 'overview.auditKey'), html`<code>${text(model.auditKeyId)}</code>`)}
        ${fact(at(lang, 'overview.readAt'), timeHtml(lang, model.readAt))}
      </dl>
    </section>
    <section aria-labelledby="checkpoint-heading">
      <h2 id="checkpoint-heading">${at(lang, 'overview.checkpoint')}</h2>
      ${model.checkpoint ? checkpointFacts(ctx, model.checkpoint, model.height) : html`<p>${at(lang, 'overview.noCheckpoint')}</p>`}
    </section>
    <section aria-labelledby="next-heading">
      <h2 id="next-heading">${at(lang, 'overview.next')}</h2>
      <ul class="next-steps">
        <li><a href="${AUDIT_PATHS.verify}">${at(lang, 'overview.toVerify')}</a></li>
        <li><a href="${AUDIT_PATHS.records}">${at(lang, 'overview.toRecords')}</a></li>
        <li><a href="${AUDIT_PATHS.charts}">${at(lang, 'overview.toCharts')}</a></li>
        <li>
          <a href="${AUDIT_PATHS.bundle}" download>${at(lang, 'overview.toBundle')}</a>
          <p class="hint">
            ${atHtml(lang, 'overview.bundleHint', {
              export: html`<code>accord audit export</code>`,
              verify: html`<code>accord audit verify-bundle FILE</code>`,
            })}
          </p>
        </li>
      </ul>
    </section>`;
  return auditPage(ctx, { title: at(lang, 'overview.title'), bodyClass: 'page-overview', current: 'overview', main });
}
