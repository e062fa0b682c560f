import type { Lang } from './console-models.js';
import { html, type SafeHtml } from './html.js';
import { dir } from './i18n/translate.js';

export interface DocumentParts {
  lang: Lang;
  /** Plain text: a value from a notice in it must have gone through visibleText. */
  title: string;
  /** The console's one stylesheet and one script, files of its own (no inline code). */
  css: string;
  js: string;
  /** More of the head, such as a no-script refresh. */
  head?: SafeHtml;
  body: SafeHtml;
}

/** A whole page of a console: the document in the page's language and direction, its head, its body. */
export function htmlDocument(parts: DocumentParts): string {
  return `<!doctype html>
${html`<html lang="${parts.lang}" dir="${dir(parts.lang)}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${parts.title}</title>
    <link rel="stylesheet" href="${parts.css}" />
    <script src="${parts.js}" defer></script>
    ${parts.head ?? ''}
  </head>
  ${parts.body}
</html>`.toString()}
`;
}
