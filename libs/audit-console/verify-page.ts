import { html, text, timeHtml, type SafeHtml } from '../console/index.js';
import type { AuditPageContext, VerifyOutcome, VerifyState } from './audit-console-models.js';
import { auditPage } from './audit-layout.js';
import { AUDIT_PATHS } from './audit-paths.js';
import { at, atHtml } from './i18n/audit-translate.js';
import { progressPercent } from './verify-status.js';

/** Without script, a page showing a verification under way reloads itself this often. */
export const VERIFY_REFRESH_SECONDS = 2;

function startForm(ctx: AuditPageContext, again: boolean): SafeHtml {
  return html`<form method="post" action="${AUDIT_PATHS.verify}" class="verify-form">
    <button type="submit">${at(ctx.lang, again ? 'verify.again' : 'verify.start')}</button>
  </form>`;
}

function times(ctx: AuditPageContext, startedAt: string, finishedAt: string): SafeHtml {
  return html`<p class="hint">
    ${at(ctx.lang, 'verify.started')}: ${timeHtml(ctx.lang, startedAt)} · ${at(ctx.lang, 'verify.finished')}:
    ${timeHtml(ctx.lang, finishedAt)}
  </p>`;
}

function outcomeHtml(ctx: AuditPageContext, o: VerifyOutcome): SafeHtml {
  const { lang } = ctx;
  if (o.broken) {
    return html`<div class="verdict verdict-broken" role="alert">
      <p><strong>${at(lang, 'verify.broken')}</strong></p>
      <dl class="facts">
        <div class="field-row">
          <dt>${at(lang, 'verify.firstBad')}</dt>
          <dd><strong class="bad-index">${o.broken.index}</strong></dd>
        </div>
        <div class="field-row">
          <dt>${at(lang, 'verify.reason')}</dt>
          <dd>${text(o.broken.reason)}</dd>
        </div>
      </dl>
    </div>`;
  }
  const sealing =
    o.checkpoints === 0
      ? at(lang, 'verify.noCheckpoint', { count: o.count })
      : at(lang, 'verify.sealing', { checkpoints: o.checkpoints, last: Math.max(o.sealed - 1, 0), unsealed: o.unsealed });
  return html`<div class="verdict verdict-intact" role="status">
    <p><strong>${at(lang, 'verify.intact', { count: o.count })}</strong></p>
    <p>${sealing}</p>
  </div>`;
}

function stateHtml(ctx: AuditPageContext, state: VerifyState): SafeHtml {
  const { lang } = ctx;
  switch (state.state) {
    case 'idle':
      return html`<p>${at(lang, 'verify.idle')}</p>
        ${startForm(ctx, false)}`;
    case 'running': {
      const percent = progressPercent(state);
      return html`<div class="verify-running">
        <label for="verify-progress">${at(lang, 'verify.progress')}</label>
        <progress id="verify-progress" max="100" value="${String(percent)}" data-status="${AUDIT_PATHS.verifyStatus}">${percent}%</progress>
        <p id="verify-status" role="status">${at(lang, 'verify.running', { checked: state.checked })}</p>
        <p class="hint">${at(lang, 'verify.refreshing')}</p>
      </div>`;
    }
    case 'done':
      return html`${outcomeHtml(ctx, state.outcome)} ${times(ctx, state.startedAt, state.finishedAt)} ${startForm(ctx, true)}`;
    case 'failed':
      return html`<p class="flash flash-error" role="alert">${atHtml(lang, 'verify.failed', { message: state.message })}</p>
        ${times(ctx, state.startedAt, state.finishedAt)} ${startForm(ctx, true)}`;
  }
}

/** `/verify`: start a whole-chain verification, follow its progress, read its outcome. */
export function renderVerify(ctx: AuditPageContext, state: VerifyState): string {
  const { lang } = ctx;
  const main = html`<h1>${at(lang, 'verify.title')}</h1>
    <p>${atHtml(lang, 'verify.intro', { command: html`<code>accord audit replay --verify</code>` })}</p>
    ${stateHtml(ctx, state)}`;
  return auditPage(ctx, {
    title: at(lang, 'verify.title'),
    bodyClass: 'page-verify',
    current: 'verify',
    main,
    ...(state.state === 'running' ? { refreshSeconds: VERIFY_REFRESH_SECONDS } : {}),
  });
}
