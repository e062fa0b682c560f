import { CONSOLE_PATHS } from './console-paths.js';
import type { MessageKey, PageContext } from './console-models.js';
import { postForm } from './forms.js';
import { html } from './html.js';
import { t } from './i18n/translate.js';
import { page } from './layout.js';

/** The shortest password the node accepts (libs/node/accounts/passwords.ts). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * The sign-in form: POST /sign-in with name, password and totp. A failure says one thing
 * only, whatever failed: nothing tells a wrong password from an unknown name, a wrong code
 * or a locked account.
 */
export function renderSignIn(ctx: PageContext, options: { failed?: boolean; name?: string } = {}): string {
  const { lang } = ctx;
  const failure = options.failed
    ? html`<p class="flash flash-error" role="alert" id="sign-in-error">${t(lang, 'signIn.failed')}</p>`
    : html``;
  const form = postForm(
    ctx,
    CONSOLE_PATHS.signIn,
    html`<div class="field">
        <label for="sign-in-name">${t(lang, 'signIn.name')}</label>
        <input
          id="sign-in-name"
          name="name"
          type="text"
          required
          autocomplete="username"
          autocapitalize="none"
          spellcheck="false"
          maxlength="64"
          value="${options.name ?? ''}"
        />
      </div>
      <div class="field">
        <label for="sign-in-password">${t(lang, 'signIn.password')}</label>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          required
          autocomplete="current-password"
          maxlength="${MAX_PASSWORD_LENGTH}"
        />
      </div>
      <div class="field">
        <label for="sign-in-totp">${t(lang, 'signIn.totp')}</label>
        <input
          id="sign-in-totp"
          name="totp"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9]{6}"
          maxlength="6"
          aria-describedby="sign-in-totp-hint"
        />
        <p class="hint" id="sign-in-totp-hint">${t(lang, 'signIn.totpHint')}</p>
      </div>
      <button type="submit">${t(lang, 'signIn.submit')}</button>`,
    'stacked',
  );
  return page(ctx, {
    title: t(lang, 'signIn.title'),
    path: CONSOLE_PATHS.signIn,
    bodyClass: 'page-sign-in',
    current: 'signIn',
    main: html`<h1>${t(lang, 'signIn.title')}</h1>
      ${failure}
      <p>${t(lang, 'signIn.intro')}</p>
      ${form}`,
  });
}

/**
 * Changing one's password: POST /password with currentPassword (not asked after a
 * one-time password, which was good for that one sign-in) and newPassword.
 */
export function renderPasswordChange(ctx: PageContext, options: { oneTime: boolean; failed?: MessageKey }): string {
  const { lang } = ctx;
  const failure = options.failed
    ? html`<p class="flash flash-error" role="alert">${t(lang, options.failed, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })}</p>`
    : html``;
  const current = options.oneTime
    ? html``
    : html`<div class="field">
        <label for="password-current">${t(lang, 'password.current')}</label>
        <input
          id="password-current"
          name="currentPassword"
          type="password"
          required
          autocomplete="current-password"
          maxlength="${MAX_PASSWORD_LENGTH}"
        />
      </div>`;
  const form = postForm(
    ctx,
    CONSOLE_PATHS.password,
    html`${current}
      <div class="field">
        <label for="password-new">${t(lang, 'password.new')}</label>
        <input
          id="password-new"
          name="newPassword"
          type="password"
          required
          autocomplete="new-password"
          minlength="${MIN_PASSWORD_LENGTH}"
          maxlength="${MAX_PASSWORD_LENGTH}"
          aria-describedby="password-new-hint"
        />
        <p class="hint" id="password-new-hint">${t(lang, 'password.newHint', { min: MIN_PASSWORD_LENGTH })}</p>
      </div>
      <button type="submit">${t(lang, 'password.submit')}</button>`,
    'stacked',
  );
  return page(ctx, {
    title: t(lang, 'password.title'),
    path: CONSOLE_PATHS.password,
    bodyClass: 'page-password',
    current: 'password',
    main: html`<h1>${t(lang, 'password.title')}</h1>
      ${failure} ${options.oneTime ? html`<p>${t(lang, 'password.oneTime')}</p>` : ''} ${form}`,
  });
}

/** An error as a page: its status and one message. */
export function renderError(ctx: PageContext, status: number, key: MessageKey): string {
  const { lang } = ctx;
  const title = t(lang, 'error.title', { status });
  const onward = ctx.officer
    ? html`<a href="${CONSOLE_PATHS.inbox}">${t(lang, 'error.toInbox')}</a>`
    : html`<a href="${CONSOLE_PATHS.signIn}">${t(lang, 'error.toSignIn')}</a>`;
  return page(ctx, {
    title,
    path: CONSOLE_PATHS.home,
    bodyClass: 'page-error',
    main: html`<h1>${title}</h1>
      <p class="error-message">${t(lang, key, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })}</p>
      <p>${onward}</p>`,
  });
}
