import { CONSOLE_PATHS, disableOfficerPath, revokeTokenPath } from './console-paths.js';
import { dataTable } from './table.js';
import type { AdminModel, OfficerRow, PageContext, Role, TokenRow } from './console-models.js';
import { postForm } from './forms.js';
import { listHtml, timeHtml } from './format.js';
import { html, text, type SafeHtml } from './html.js';
import { t, tHtml } from './i18n/translate.js';
import { page } from './layout.js';

const ROLES: readonly Role[] = ['officer', 'supervisor', 'admin'];
const SCOPES = ['read', 'publish', 'receipt'] as const;
/** The names the node accepts for officers and tokens (libs/node/api/schemas.ts). */
const NAME_PATTERN = '[a-z0-9][a-z0-9._\\-]{0,63}';

function officersHtml(ctx: PageContext, officers: OfficerRow[]): SafeHtml {
  const { lang } = ctx;
  if (officers.length === 0) return html`<p>${t(lang, 'admin.noOfficers')}</p>`;
  const rows = officers.map(
    (o) =>
      html`<tr>
        <td>${text(o.name)}</td>
        <td>${t(lang, `role.${o.role}`)}</td>
        <td>${t(lang, o.disabled ? 'admin.disabled' : 'admin.active')}</td>
        <td>${timeHtml(lang, o.createdAt)}</td>
        <td>
          ${o.disabled ? '' : postForm(ctx, disableOfficerPath(o.name), html`<button type="submit" class="danger">${tHtml(lang, 'admin.disable', { name: o.name })}</button>`, 'inline')}
        </td>
      </tr>`,
  );
  return dataTable(
    t(lang, 'admin.officers'),
    [t(lang, 'column.name'), t(lang, 'column.role'), t(lang, 'column.state'), t(lang, 'column.created'), t(lang, 'column.actions')],
    rows,
    { className: '', hiddenCaption: true },
  );
}

function tokensHtml(ctx: PageContext, tokens: TokenRow[]): SafeHtml {
  const { lang } = ctx;
  if (tokens.length === 0) return html`<p>${t(lang, 'admin.noTokens')}</p>`;
  const rows = tokens.map(
    (tk) =>
      html`<tr>
        <td>${text(tk.name)}</td>
        <td>
          ${listHtml(
            lang,
            tk.scopes.map((s) => html`<code>${text(s)}</code>`),
          )}
        </td>
        <td>${t(lang, tk.revoked ? 'admin.revoked' : 'admin.active')}</td>
        <td>${timeHtml(lang, tk.createdAt)}</td>
        <td>${tk.lastUsedAt ? timeHtml(lang, tk.lastUsedAt) : t(lang, 'common.never')}</td>
        <td>
          ${tk.revoked ? '' : postForm(ctx, revokeTokenPath(tk.name), html`<button type="submit" class="danger">${tHtml(lang, 'admin.revoke', { name: tk.name })}</button>`, 'inline')}
        </td>
      </tr>`,
  );
  return dataTable(
    t(lang, 'admin.tokens'),
    [
      t(lang, 'column.name'),
      t(lang, 'column.scopes'),
      t(lang, 'column.state'),
      t(lang, 'column.created'),
      t(lang, 'column.lastUsed'),
      t(lang, 'column.actions'),
    ],
    rows,
    { className: '', hiddenCaption: true },
  );
}

function addOfficerForm(ctx: PageContext): SafeHtml {
  const { lang } = ctx;
  const roles = ROLES.map((r) => html`<option value="${r}">${t(lang, `role.${r}`)}</option>`);
  return html`<h3 id="add-officer-heading">${t(lang, 'admin.addOfficer')}</h3>
    <p class="hint">${t(lang, 'admin.addHint')}</p>
    ${postForm(
      ctx,
      CONSOLE_PATHS.adminOfficers,
      html`<div class="field">
          <label for="officer-name">${t(lang, 'admin.name')}</label>
          <input
            id="officer-name"
            name="name"
            type="text"
            required
            pattern="${NAME_PATTERN}"
            maxlength="64"
            autocomplete="off"
            autocapitalize="none"
            spellcheck="false"
            aria-describedby="officer-name-hint"
          />
          <p class="hint" id="officer-name-hint">${t(lang, 'admin.nameHint')}</p>
        </div>
        <div class="field">
          <label for="officer-role">${t(lang, 'admin.role')}</label>
          <select id="officer-role" name="role">
            ${roles}
          </select>
        </div>
        <button type="submit">${t(lang, 'admin.add')}</button>`,
      'stacked',
    )}`;
}

function createTokenForm(ctx: PageContext): SafeHtml {
  const { lang } = ctx;
  const scopes = SCOPES.map(
    (s) =>
      html`<div class="field-check">
        <input id="token-scope-${s}" name="scopes" type="checkbox" value="${s}" />
        <label for="token-scope-${s}">${t(lang, `scope.${s}`)}</label>
      </div>`,
  );
  return html`<h3 id="create-token-heading">${t(lang, 'admin.createToken')}</h3>
    ${postForm(
      ctx,
      CONSOLE_PATHS.adminTokens,
      html`<div class="field">
          <label for="token-name">${t(lang, 'admin.tokenName')}</label>
          <input
            id="token-name"
            name="name"
            type="text"
            required
            pattern="${NAME_PATTERN}"
            maxlength="64"
            autocomplete="off"
            autocapitalize="none"
            spellcheck="false"
            aria-describedby="token-name-hint"
          />
          <p class="hint" id="token-name-hint">${t(lang, 'admin.nameHint')}</p>
        </div>
        <fieldset>
          <legend>${t(lang, 'admin.scopes')}</legend>
          ${scopes}
        </fieldset>
        <button type="submit">${t(lang, 'admin.create')}</button>`,
      'stacked',
    )}`;
}

/** The secret just made, shown this once, in a box that says so. */
function createdHtml(ctx: PageContext, created: NonNullable<AdminModel['created']>): SafeHtml {
  const { lang } = ctx;
  const secret = (label: string, value: string): SafeHtml =>
    html`<div class="field-row">
      <dt>${label}</dt>
      <dd><code class="secret">${text(value)}</code></dd>
    </div>`;
  const body =
    created.kind === 'officer'
      ? html`<p>${tHtml(lang, 'created.officer', { name: created.name })}</p>
          <dl class="secrets">
            ${secret(t(lang, 'created.oneTimePassword'), created.oneTimePassword)}${created.totpUri ? secret(t(lang, 'created.totpUri'), created.totpUri) : ''}
          </dl>`
      : html`<p>${tHtml(lang, 'created.token', { name: created.name })}</p>
          <dl class="secrets">${secret(t(lang, 'created.tokenValue'), created.token)}</dl>`;
  return html`<section class="created" role="alert" aria-labelledby="created-heading">
    <h2 id="created-heading">${t(lang, 'created.heading')}</h2>
    ${body}
    <p class="created-warning">${t(lang, 'created.warning')}</p>
  </section>`;
}

/**
 * Officers and API tokens: who can sign in and what can call the API, with forms to add,
 * disable, create and revoke; a secret just made is shown once at the top.
 */
export function renderAdmin(ctx: PageContext, model: AdminModel): string {
  const { lang } = ctx;
  const main = html`<h1>${t(lang, 'admin.title')}</h1>
    ${model.created ? createdHtml(ctx, model.created) : ''}
    <section aria-labelledby="officers-heading">
      <h2 id="officers-heading">${t(lang, 'admin.officers')}</h2>
      ${officersHtml(ctx, model.officers)} ${addOfficerForm(ctx)}
    </section>
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">${t(lang, 'admin.tokens')}</h2>
      ${tokensHtml(ctx, model.tokens)} ${createTokenForm(ctx)}
    </section>`;
  return page(ctx, { title: t(lang, 'admin.title'), path: CONSOLE_PATHS.admin, bodyClass: 'page-admin', current: 'admin', main });
}
