import { isolatedText } from './bidi.js';
import { SafeHtml, escapeHtml, trustedHtml } from './safe-html.js';

export { SafeHtml } from './safe-html.js';

/** What a page may interpolate: nothing (false, null, undefined) renders as nothing. */
export type Interpolation = SafeHtml | string | number | false | null | undefined | readonly Interpolation[];

/**
 * Where an interpolation stands in the markup around it: in text, inside a tag (between
 * attributes), inside a quoted attribute value, or at the very start of a URL attribute's
 * value (href, src, action...), where it would choose the scheme.
 */
type Place = 'text' | 'tag' | 'quoted' | 'url-start';

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'data', 'srcset', 'xlink:href']);
/** What a URL the pages build starts with: a path on this node ("/..." but not "//host") or a fragment. */
const LOCAL_URL = /^(?:\/(?![/\\])|#)/;

const places = new WeakMap<TemplateStringsArray, Place[]>();

/** Where each interpolation of a template stands. Read once per template. */
function placesOf(strings: TemplateStringsArray): Place[] {
  const known = places.get(strings);
  if (known) return known;
  const found: Place[] = [];
  let state: 'text' | 'tag' | '"' | "'" = 'text';
  // The attribute whose value is open, and whether anything of the value is written yet.
  let attribute = '';
  let valueStarted = false;
  strings.forEach((chunk, i) => {
    for (let j = 0; j < chunk.length; j++) {
      const c = chunk[j];
      if (state === 'text') {
        if (c === '<' && (j === chunk.length - 1 || /[A-Za-z/!]/.test(chunk[j + 1] ?? ''))) state = 'tag';
      } else if (state === 'tag') {
        if (c === '"' || c === "'") {
          state = c;
          attribute = (/([^\s"'=<>/]+)\s*=\s*$/.exec(chunk.slice(0, j))?.[1] ?? '').toLowerCase();
          valueStarted = false;
        } else if (c === '>') state = 'text';
      } else if (c === state) state = 'tag';
      else valueStarted = true;
    }
    if (i === strings.length - 1) return;
    if (state === 'text' || state === 'tag') found.push(state);
    else {
      found.push(!valueStarted && URL_ATTRIBUTES.has(attribute) ? 'url-start' : 'quoted');
      valueStarted = true;
    }
  });
  places.set(strings, found);
  return found;
}

function isNothing(value: Interpolation): value is false | null | undefined | '' {
  return value === false || value === null || value === undefined || value === '';
}

function render(value: Interpolation, place: Place): string {
  if (place === 'url-start' && isNothing(value)) throw new TypeError('html`...`: a URL attribute cannot start with nothing');
  if (isNothing(value)) return '';
  if (Array.isArray(value)) return value.map((v: Interpolation) => render(v, place)).join('');
  if (SafeHtml.is(value)) {
    // Markup in an attribute value would end it at its first quote.
    if (place === 'quoted' || place === 'url-start')
      throw new TypeError('html`...`: markup cannot stand in an attribute value; interpolate a string');
    return value.toString();
  }
  // A string between attributes would be an attribute ("onclick=..."), not a value.
  if (place === 'tag') throw new TypeError('html`...`: a value inside a tag must be in a quoted attribute value ("...")');
  const string = String(value as string | number);
  // A URL the pages build is a path on this node: nothing interpolated can pick its scheme.
  if (place === 'url-start' && !LOCAL_URL.test(string))
    throw new TypeError('html`...`: a URL attribute must start with a path ("/...") or a fragment ("#...")');
  return escapeHtml(string);
}

/**
 * Markup with every interpolated value escaped (& < > " ' ` and control characters),
 * unless it is already SafeHtml (or a list of it, joined). A value may stand in text or
 * in a quoted attribute value; anywhere else inside a tag only SafeHtml may (a constant
 * such as raw(' selected')), markup never inside an attribute value, and a URL attribute
 * (href, src, action...) that starts with a value takes only a path or a fragment: each
 * mistake throws, so no template can be written that a value breaks out of or gives a
 * scheme to.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  const where = placesOf(strings);
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value, where[i] ?? 'text') + (strings[i + 1] ?? '');
  });
  return trustedHtml(out);
}

/** A constant of this library as markup. Never a value from a notice, a request or a user. */
export function raw(trustedConstant: string): SafeHtml {
  return trustedHtml(trustedConstant);
}

/**
 * Untrusted text shown to a person: escaped, its bidirectional and control characters
 * shown as visible markers, its direction isolated in <bdi> (see bidi.ts).
 */
export function text(value: string | number): SafeHtml {
  return isolatedText(String(value));
}
