import { html, type MessageParams } from '../console/index.js';
import type { AuditPageContext } from './audit-console-models.js';
import { auditPage } from './audit-layout.js';
import { AUDIT_PATHS } from './audit-paths.js';
import type { AuditMessageKey } from './i18n/en.js';
import { at, atHtml } from './i18n/audit-translate.js';

/** An error page: the status, one line saying what happened (a parameter shown as untrusted text), a way back. */
export function renderAuditError(ctx: AuditPageContext, status: number, key: AuditMessageKey, params?: MessageParams): string {
  const title = at(ctx.lang, 'error.title', { status });
  const main = html`<h1>${title}</h1>
    <p role="alert">${atHtml(ctx.lang, key, params)}</p>
    <p><a href="${AUDIT_PATHS.overview}">${at(ctx.lang, 'error.toOverview')}</a></p>`;
  return auditPage(ctx, { title, bodyClass: 'page-error', main });
}
