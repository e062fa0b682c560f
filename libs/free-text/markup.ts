import { AccordError } from '../errors/index.js';
import { CATEGORIES, type Category } from '../notice/index.js';

/** The notice's element lists a reference can name. */
export type Collection = 'persons' | 'conveyances' | 'financial' | 'locations';

/** A reference to one of the notice's own elements, or to one of its fields. */
export interface ElementRef {
  collection: Collection;
  index: number;
  /** "fullName", "documents[0].number", "counterparty", ...; absent: the element itself. */
  field?: string;
}

/** Free text as the originator wrote it: literal text, references, tagged spans. */
export type MarkupPiece = { text: string } | { ref: ElementRef } | { span: { category: Category; text: string } };

const FIELDS: Record<Collection, RegExp> = {
  persons: /^(?:fullName|dateOfBirth|phone|nationality|documents\[\d{1,3}\]\.number)$/,
  conveyances: /^identifier$/,
  financial: /^(?:account|institution|amount|counterparty)$/,
  locations: /^(?:label|position)$/,
};
const REF = /^(persons|conveyances|financial|locations)\[(\d{1,4})\](?:\.(.+))?$/;
const SPAN = /^([a-z.]+):([\s\S]*)$/;
const SPAN_CATEGORIES = CATEGORIES.filter((c) => c !== 'core');

function markupError(path: string, offset: number, what: string): AccordError {
  return new AccordError('E_SCHEMA', `${path}: markup at character ${offset + 1}: ${what}`, { path });
}

/** Whether a text holds any markup at all (a plain summary needs none of this). */
export function hasMarkup(text: string): boolean {
  return text.includes('{{');
}

/**
 * Reads free text with markup (docs/redaction.md): `{{persons[0]}}`, `{{persons[0].phone}}`,
 * `{{financial[1].counterparty}}`, `{{locations[0]}}`, ... reference the notice's own
 * elements; `{{migrant.identity:the boy's uncle}}` tags a span with a category; `\{{` is a
 * literal "{{". Throws E_SCHEMA naming the field and the character where markup is wrong.
 */
export function parseMarkup(text: string, path = 'summary'): MarkupPiece[] {
  const pieces: MarkupPiece[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('\\{{', i)) {
      literal += '{{';
      i += 3;
      continue;
    }
    if (!text.startsWith('{{', i)) {
      literal += text[i];
      i++;
      continue;
    }
    const close = text.indexOf('}}', i + 2);
    if (close < 0) throw markupError(path, i, '"{{" is never closed by "}}" (write \\{{ for a literal "{{")');
    const inner = text.slice(i + 2, close).trim();
    if (literal) pieces.push({ text: literal });
    literal = '';
    pieces.push(readPiece(inner, path, i));
    i = close + 2;
  }
  if (literal) pieces.push({ text: literal });
  return pieces;
}

function readPiece(inner: string, path: string, offset: number): MarkupPiece {
  const ref = REF.exec(inner);
  if (ref) {
    const collection = ref[1] as Collection;
    const field = ref[3];
    if (field !== undefined && !FIELDS[collection].test(field))
      throw markupError(path, offset, `"${field}" is not a field a reference to ${collection} can name`);
    return { ref: field === undefined ? { collection, index: Number(ref[2]) } : { collection, index: Number(ref[2]), field } };
  }
  const span = SPAN.exec(inner);
  if (span) {
    const category = span[1] ?? '';
    if (!(SPAN_CATEGORIES as readonly string[]).includes(category))
      throw markupError(path, offset, `"${category}" is not a category a span can be tagged with (${SPAN_CATEGORIES.join(', ')})`);
    const body = (span[2] ?? '').trim();
    if (!body) throw markupError(path, offset, 'a tagged span needs text after the ":"');
    // "{{witness.identity:... {{persons[2]}} ...}}" closes at the reference's "}}": the rest
    // would fall outside the span. A span holds plain text; tag the sentence around it instead.
    if (body.includes('{{'))
      throw markupError(path, offset, 'a tagged span cannot hold markup; write its text out, or end the span before the reference');
    return { span: { category: category as Category, text: body } };
  }
  throw markupError(
    path,
    offset,
    `"{{${inner}}}" is neither a reference (persons[0], financial[1].account, ...) nor a tagged span (category:text)`,
  );
}
