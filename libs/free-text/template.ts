/**
 * The summary template on the wire: literal text, and placeholders naming an element by
 * its path (`{{persons/<id>}}`, `{{persons/<id>/identity#phone}}`, `{{financial/<id>#account}}`,
 * `{{summary/spans/<id>}}`), so that each recipient's text is rendered from the parts it
 * may see. A literal "{{" is written `\{{`.
 */
export type TemplatePiece = { text: string } | { placeholder: Placeholder };

export interface Placeholder {
  /** An element path, or `persons/<id>` for the person as a whole. */
  path: string;
  /** A field of the element ("phone", "documents.0.number"); absent: the element itself. */
  field?: string;
}

const escapeLiteral = (text: string): string => text.replace(/\{\{/g, '\\{{');

export function formatTemplate(pieces: readonly TemplatePiece[]): string {
  return pieces
    .map((p) =>
      'text' in p
        ? escapeLiteral(p.text)
        : `{{${p.placeholder.path}${p.placeholder.field === undefined ? '' : `#${p.placeholder.field}`}}}`,
    )
    .join('');
}

const PLACEHOLDER = /^([A-Za-z0-9_/-]+)(?:#([A-Za-z0-9.]+))?$/;

/** Reads a template; undefined when it is not one (the caller names the element). */
export function parseTemplate(template: string): TemplatePiece[] | undefined {
  const pieces: TemplatePiece[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('\\{{', i)) {
      literal += '{{';
      i += 3;
    } else if (template.startsWith('{{', i)) {
      const close = template.indexOf('}}', i + 2);
      const m = close < 0 ? null : PLACEHOLDER.exec(template.slice(i + 2, close));
      if (!m) return undefined;
      if (literal) pieces.push({ text: literal });
      literal = '';
      pieces.push({ placeholder: m[2] === undefined ? { path: m[1] ?? '' } : { path: m[1] ?? '', field: m[2] } });
      i = (close < 0 ? template.length : close) + 2;
    } else {
      literal += template[i];
      i++;
    }
  }
  if (literal) pieces.push({ text: literal });
  return pieces;
}

/** The text of a template, each placeholder replaced by what `resolve` says. */
export function renderTemplate(pieces: readonly TemplatePiece[], resolve: (p: Placeholder) => string): string {
  return pieces.map((p) => ('text' in p ? p.text : resolve(p.placeholder))).join('');
}
