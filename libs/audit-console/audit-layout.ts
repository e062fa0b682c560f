import { html, htmlDocument, languageSwitcher, raw, type SafeHtml } from '../console/index.js';
import type { AuditPageContext } from './audit-console-models.js';
import { AUDIT_PATHS } from './audit-paths.js';
import { at } from './i18n/audit-translate.js';

/** The navigation entry a page is, marked aria-current. */
export type AuditNavEntry = 'overview' | 'verify' | 'records' | 'charts';

export interface AuditPageOptions {
  /** The page's name, plain text. */
  title: string;
  /** A class on <body> naming the page, for the stylesheet. */
  bodyClass: string;
  main: SafeHtml;
  current?: AuditNavEntry;
  /** Without script, the page reloads itself after this many seconds (a verification under way). */
  refreshSeconds?: number;
}

function navigation(ctx: AuditPageContext, current: AuditNavEntry | undefined): SafeHtml {
  const entries: [AuditNavEntry, string, string][] = [
    ['overview', AUDIT_PATHS.overview, at(ctx.lang, 'nav.overview')],
    ['verify', AUDIT_PATHS.verify, at(ctx.lang, 'nav.verify')],
    ['records', AUDIT_PATHS.records, at(ctx.lang, 'nav.records')],
    ['charts', AUDIT_PATHS.charts, at(ctx.lang, 'nav.charts')],
  ];
  return html`<nav class="site-nav" aria-label="${at(ctx.lang, 'layout.nav')}">
    <ul>
      ${entries.map(
        ([entry, href, label]) => html`<li><a href="${href}" ${entry === current ? raw(' aria-current="page"') : ''}>${label}</a></li>`,
      )}
    </ul>
  </nav>`;
}

/**
 * A whole page of the auditor console: the document, a header naming the console, the
 * navigation and the language switcher, a skip link, and the page's main content. Nothing
 * inline: one stylesheet and one script, files under /assets/; the no-script refresh of a
 * running verification is a <meta> inside <noscript>, which a browser running scripts
 * ignores (the script polls instead).
 */
export function auditPage(ctx: AuditPageContext, options: AuditPageOptions): string {
  const title = at(ctx.lang, 'layout.title', { page: options.title });
  const refresh =
    options.refreshSeconds === undefined
      ? undefined
      : html`<noscript><meta http-equiv="refresh" content="${String(options.refreshSeconds)}" /></noscript>`;
  const body = html`<body class="${options.bodyClass}">
    <a class="skip-link" href="#main">${at(ctx.lang, 'layout.skip')}</a>
    <header class="site-header">
      <p class="site-name">${at(ctx.lang, 'layout.site')}</p>
      ${navigation(ctx, options.current)}
      ${languageSwitcher({
        lang: ctx.lang,
        action: AUDIT_PATHS.lang,
        back: ctx.path,
        labels: { language: at(ctx.lang, 'layout.language'), change: at(ctx.lang, 'layout.changeLanguage') },
      })}
    </header>
    <main id="main" tabindex="-1">${options.main}</main>
  </body>`;
  return htmlDocument({ lang: ctx.lang, title, css: AUDIT_PATHS.css, js: AUDIT_PATHS.js, ...(refresh ? { head: refresh } : {}), body });
}
