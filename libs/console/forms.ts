import type { PageContext } from './console-models.js';
import { html, type SafeHtml } from './html.js';

/** The session's CSRF token as the hidden field every state-changing form sends. */
export function csrfInput(ctx: PageContext): SafeHtml {
  return ctx.csrfToken === undefined ? html`` : html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}" />`;
}

/** A form that changes state: POST, with the CSRF token whenever the page has one. */
export function postForm(ctx: PageContext, action: string, body: SafeHtml, className = ''): SafeHtml {
  return html`<form method="post" action="${action}" ${className ? html` class="${className}"` : ''}>${csrfInput(ctx)}${body}</form>`;
}
