import { visibleText } from './bidi.js';
import { CONSOLE_PATHS } from './console-paths.js';
import type { PageContext } from './console-models.js';
import { htmlDocument } from './document.js';
import { languageSwitcher } from './language-switcher.js';
import { csrfInput, postForm } from './forms.js';
import { html, raw, type SafeHtml } from './html.js';
import { t, tHtml } from './i18n/translate.js';
import { STATISTICS_READERS } from './statistics-models.js';

/** The navigation entry a page is, marked aria-current. */
export type NavEntry = 'inbox' | 'requests' | 'statistics' | 'compose' | 'sent' | 'quarantine' | 'admin' | 'password' | 'signIn';

export interface PageOptions {
  /** The page's name, plain text: a value from a notice in it must have gone through visibleText. */
  title: string;
  /** The page's own path, for the language switcher's `back` (ctx.path wins when set). */
  path: string;
  /** A class on <body> naming the page (page-inbox...), for the stylesheet. */
  bodyClass: string;
  main: SafeHtml;
  current?: NavEntry;
  /** False for the print view: no navigation, no forms. */
  navigation?: boolean;
}

function navigation(ctx: PageContext, current: NavEntry | undefined): SafeHtml {
  const link = (entry: NavEntry, href: string, label: string): SafeHtml =>
    html`<li><a href="${href}" ${entry === current ? raw(' aria-current="page"') : ''}>${label}</a></li>`;
  const entries = ctx.officer
    ? [
        link('inbox', CONSOLE_PATHS.inbox, t(ctx.lang, 'nav.inbox')),
        ctx.officer.role === 'admin' ? html`` : link('requests', CONSOLE_PATHS.requests, t(ctx.lang, 'nav.requests')),
        STATISTICS_READERS.includes(ctx.officer.role)
          ? link('statistics', CONSOLE_PATHS.statistics, t(ctx.lang, 'nav.statistics'))
          : html``,
        ctx.officer.role === 'supervisor' ? link('compose', CONSOLE_PATHS.compose, t(ctx.lang, 'nav.compose')) : html``,
        ctx.officer.role === 'supervisor' ? link('sent', CONSOLE_PATHS.sent, t(ctx.lang, 'nav.sent')) : html``,
        ctx.officer.role === 'supervisor' ? link('quarantine', CONSOLE_PATHS.quarantine, t(ctx.lang, 'nav.quarantine')) : html``,
        ctx.officer.role === 'admin' ? link('admin', CONSOLE_PATHS.admin, t(ctx.lang, 'nav.admin')) : html``,
        link('password', CONSOLE_PATHS.password, t(ctx.lang, 'nav.password')),
      ]
    : [link('signIn', CONSOLE_PATHS.signIn, t(ctx.lang, 'signIn.title'))];
  return html`<nav class="site-nav" aria-label="${t(ctx.lang, 'layout.nav')}">
    <ul>
      ${entries}
    </ul>
  </nav>`;
}

function session(ctx: PageContext): SafeHtml {
  const officer = ctx.officer;
  if (!officer) return html``;
  const signedIn = tHtml(ctx.lang, 'layout.signedInAs', { name: officer.name, role: t(ctx.lang, `role.${officer.role}`) });
  return html`<div class="session">
    <p class="officer">${signedIn}</p>
    ${postForm(ctx, CONSOLE_PATHS.signOut, html`<button type="submit">${t(ctx.lang, 'layout.signOut')}</button>`, 'sign-out')}
  </div>`;
}

function flash(ctx: PageContext): SafeHtml {
  if (!ctx.flash) return html``;
  const { kind, messageKey, params } = ctx.flash;
  const message = tHtml(ctx.lang, messageKey, params);
  return kind === 'error'
    ? html`<p class="flash flash-error" role="alert">${message}</p>`
    : html`<p class="flash flash-info" role="status">${message}</p>`;
}

/**
 * A whole page: the document, the header naming the node's agency and the officer (with
 * sign-out), the language switcher, a skip link, navigation and the page's main content.
 * Nothing inline: the one stylesheet and the one script are files under /assets/.
 */
export function page(ctx: PageContext, options: PageOptions): string {
  const withNavigation = options.navigation !== false;
  const title = t(ctx.lang, 'layout.title', { page: options.title, agency: visibleText(ctx.agency) });
  const back = ctx.path ?? options.path;
  const header = html`<header class="site-header">
    <p class="site-name">${tHtml(ctx.lang, 'layout.node', { agency: ctx.agency })}</p>
    ${withNavigation ? navigation(ctx, options.current) : ''} ${withNavigation ? session(ctx) : ''}
    ${
      withNavigation
        ? languageSwitcher({
            lang: ctx.lang,
            action: CONSOLE_PATHS.lang,
            back,
            labels: { language: t(ctx.lang, 'layout.language'), change: t(ctx.lang, 'layout.changeLanguage') },
            hidden: csrfInput(ctx),
          })
        : ''
    }
  </header>`;
  const body = html`<body class="${options.bodyClass}">
    <a class="skip-link" href="#main">${t(ctx.lang, 'layout.skip')}</a>
    ${header}
    <main id="main" tabindex="-1">${flash(ctx)} ${options.main}</main>
  </body>`;
  return htmlDocument({ lang: ctx.lang, title, css: CONSOLE_PATHS.css, js: CONSOLE_PATHS.js, body });
}
