import { coordinateMatches, writtenCoordinates, type WrittenCoordinate } from './coordinate-matches.js';
import { dateMatches, writtenDates } from './date-matches.js';
import { identifierShapes, type IdentifierShape } from './identifier-shapes.js';
import type { KnownValue, ValueMatch } from './known-value.js';
import { nameRuns } from './name-matches.js';
import { normalise, normaliseText, originalSpan, type NormalisedText } from './normalise-text.js';
import { amountMatches, numberMatches, packText, phoneMatches, type PackedText, type RawMatch } from './number-matches.js';
import { latinOf } from './script-forms.js';
import { adjacent, tokenise, type Token } from './tokens.js';

/** A text read once for every value looked for in it. */
export interface AnalysedText {
  text: string;
  n: NormalisedText;
  tokens: Token[];
  packed: PackedText;
  dates: ReturnType<typeof writtenDates>;
  coordinates: WrittenCoordinate[];
}

export function analyseText(text: string): AnalysedText {
  const n = normaliseText(text);
  return { text, n, tokens: tokenise(text, n), packed: packText(n), dates: writtenDates(n), coordinates: writtenCoordinates(n) };
}

/** A phrase (a label, an institution): its words in order, as tokens. */
function phraseMatches(value: string, a: AnalysedText): RawMatch[] {
  const words = normalise(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => latinOf(w));
  if (words.length === 0 || words.join('').length < 3) return [];
  const out: RawMatch[] = [];
  const { tokens } = a;
  for (let i = 0; i + words.length <= tokens.length; i++) {
    let ok = true;
    for (let k = 0; k < words.length && ok; k++) {
      const t = tokens[i + k] as Token;
      ok = (t.latin === words[k] || t.alternates.includes(words[k] ?? '')) && (k === 0 || adjacent(a.n, tokens[i + k - 1] as Token, t));
    }
    if (ok) out.push({ start: tokens[i]?.start ?? 0, end: tokens[i + words.length - 1]?.end ?? 0, strength: words.join('').length });
  }
  return out;
}

function rawMatches<T>(v: KnownValue<T>, a: AnalysedText): RawMatch[] {
  switch (v.kind) {
    case 'name':
      return nameRuns(v.value, a.n, a.tokens);
    case 'number':
      return numberMatches(normalise(v.value), a.n, a.packed);
    case 'phone':
      return phoneMatches(normalise(v.value), a.n, a.packed);
    case 'date':
      return dateMatches(v.value, a.n, a.dates);
    case 'amount':
      return amountMatches(normalise(v.value), a.n);
    case 'coordinate':
      return Number.isFinite(Number(v.value)) ? coordinateMatches(Number(v.value), a.coordinates) : [];
    case 'phrase':
      return phraseMatches(v.value, a);
  }
}

/**
 * A normalised span widened to the whole words it touches ("Haddads", "LY4455667A"), in
 * the original text.
 */
function wholeWords(a: AnalysedText, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  for (const t of a.tokens) {
    if (t.end <= start || t.start >= end) continue;
    s = Math.min(s, t.start);
    e = Math.max(e, t.end);
  }
  return originalSpan(a.n, s, e, a.text.length);
}

/** Every place each value shows in the text, in any of the forms of docs/redaction.md. */
export function findValues<T>(a: AnalysedText, values: readonly KnownValue<T>[]): ValueMatch<T>[] {
  const out: ValueMatch<T>[] = [];
  for (const value of values) {
    if (!value.value) continue;
    for (const m of rawMatches(value, a)) out.push({ ...wholeWords(a, m.start, m.end), value, strength: m.strength });
  }
  return out;
}

/** An identifier of unknown owner, in the original text. */
export interface FoundIdentifier {
  start: number;
  end: number;
  shape: IdentifierShape;
  key: string;
}

export function findIdentifiers(a: AnalysedText): FoundIdentifier[] {
  return identifierShapes(a.n, a.tokens, a.coordinates).map((m) => ({ ...wholeWords(a, m.start, m.end), shape: m.shape, key: m.key }));
}

/** The key a granted value is compared with an identifier's under: its letters and digits, or a phone's digits. */
export function identifierKey(kind: KnownValue['kind'], value: string): string {
  const n = normalise(value);
  return kind === 'phone' ? n.replace(/\D/g, '') : n.replace(/[^\p{L}\p{N}]/gu, '');
}
