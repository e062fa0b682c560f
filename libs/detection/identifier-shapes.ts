import type { writtenDates } from './date-matches.js';
import type { WrittenCoordinate } from './coordinate-matches.js';
import { isValidIban, isValidImo } from './identifier-checks.js';
import type { NormalisedText } from './normalise-text.js';
import type { Token } from './tokens.js';

/** What an identifier of unknown owner looks like. */
export type IdentifierShape = 'email' | 'url' | 'handle' | 'phone' | 'document' | 'iban' | 'imo' | 'coordinate';

export interface IdentifierMatch {
  /** Span in the normalised text. */
  start: number;
  end: number;
  shape: IdentifierShape;
  /** Its letters and digits (digits only for a phone), to compare with a granted value. */
  key: string;
}

const alnum = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, '');

function push(out: IdentifierMatch[], m: RegExpExecArray, shape: IdentifierShape, key = alnum(m[0]), offset = 0): void {
  out.push({ start: m.index + offset, end: m.index + m[0].length, shape, key });
}

/**
 * Identifiers found by their shape alone, whatever the notice's fields hold: e-mail
 * addresses, URLs and social handles, phone numbers (8 digits or more, not a date),
 * document-like codes (letters and 5 to 10 digits), IBANs with a valid checksum, IMO
 * numbers with a valid check digit (after "IMO" or bare), coordinates in any notation.
 */
export function identifierShapes(
  n: NormalisedText,
  tokens: readonly Token[],
  coordinates: readonly WrittenCoordinate[],
  dates: ReturnType<typeof writtenDates>,
): IdentifierMatch[] {
  const out: IdentifierMatch[] = [];
  const text = n.text;
  for (const m of text.matchAll(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu)) push(out, m, 'email');
  for (const m of text.matchAll(/(?:https?:\/\/|www\.)[^\s<>"]+|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}\/[^\s<>"]*/gu))
    push(out, m, 'url');
  for (const m of text.matchAll(/(?<![\p{L}\p{N}._%+-])@[\p{L}\p{N}_.]{2,}/gu)) push(out, m, 'handle');
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])[a-z]{2}\d{2}(?:\s?[a-z0-9]){11,30}(?![\p{L}\p{N}])/gu))
    if (isValidIban(m[0].toUpperCase())) push(out, m, 'iban');
  for (const m of text.matchAll(/imo\s*(?:no\.?|nr\.?|number|n°|#|:)?\s*(\d{7})(?!\d)/gu))
    if (isValidImo(m[1] ?? '')) push(out, m, 'imo', m[1]);
  for (const m of text.matchAll(/(?<!\d)\d{7}(?!\d)/gu)) if (isValidImo(m[0])) push(out, m, 'imo');
  for (const m of text.matchAll(/[+(]?\d(?:[\s\-–().]{0,2}\d){7,}/gu)) {
    const end = m.index + m[0].length;
    // E.164 numbers have at most 15 digits: a longer run is something else.
    if (m[0].replace(/\D/g, '').length > 15) continue;
    // A date written with separators ("2026-11-29", "29.11.2026") is not a phone number.
    if (dates.some((d) => d.start <= m.index && d.end >= end && !/\s/.test(m[0]))) continue;
    push(out, m, 'phone', m[0].replace(/\D/g, ''));
  }
  for (const t of tokens) {
    if (/^[a-z]{1,3}\d{5,10}[a-z]{0,2}$|^\d{5,10}[a-z]{1,2}$/.test(t.norm))
      out.push({ start: t.start, end: t.end, shape: 'document', key: t.norm });
  }
  for (const c of coordinates)
    if (c.marked && c.precise) out.push({ start: c.start, end: c.end, shape: 'coordinate', key: text.slice(c.start, c.end) });
  // One identifier inside another is part of it: the IMO-looking digits of a phone number,
  // the phone-looking digits of an IBAN.
  return out.filter(
    (m) =>
      !out.some(
        (o) =>
          o !== m &&
          o.start <= m.start &&
          o.end >= m.end &&
          (o.end - o.start > m.end - m.start || SPECIFIC.indexOf(o.shape) < SPECIFIC.indexOf(m.shape)),
      ),
  );
}

/** The most telling shapes first: of two that cover the same span, the first names it. */
const SPECIFIC: IdentifierShape[] = ['iban', 'email', 'url', 'imo', 'coordinate', 'handle', 'document', 'phone'];
