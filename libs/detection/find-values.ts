import { coordinateMatches, writtenCoordinates, type WrittenCoordinate } from './coordinate-matches.js';
import { dateMatches, writtenDates } from './date-matches.js';
import { identifierShapes, type IdentifierShape } from './identifier-shapes.js';
import type { KnownValue, ValueMatch } from './known-value.js';
import { nameRuns } from './name-matches.js';
import { normalise, normaliseText, originalSpan, type NormalisedText } from './normalise-text.js';
import { boundedMemo } from './bounded-memo.js';
import {
  amountMatches,
  digitRuns,
  digitStretches,
  numberMatches,
  packText,
  phoneMatches,
  type DigitStretch,
  type PackedText,
  type RawMatch,
} from './number-matches.js';
import { latinOf } from './script-forms.js';
import { adjacent, tokenise, type Token } from './tokens.js';

/** A text read once for every value looked for in it. */
export interface AnalysedText {
  text: string;
  n: NormalisedText;
  tokens: Token[];
  packed: PackedText;
  digitStretches: DigitStretch[];
  /** The longest token's length: no token starting further back can reach a span. */
  longestToken: number;
  dates: ReturnType<typeof writtenDates>;
  coordinates: WrittenCoordinate[];
}

/**
 * Reads a text once for every value looked for in it. The same texts come back for each
 * grant set of a notice, so the last ones read are remembered (in this process only).
 */
export const analyseText = boundedMemo(
  64,
  (text: string): AnalysedText => {
    const n = normaliseText(text);
    const tokens = tokenise(text, n);
    const longestToken = tokens.reduce((max, t) => Math.max(max, t.end - t.start), 0);
    return {
      text,
      n,
      tokens,
      packed: packText(n),
      digitStretches: digitStretches(n, digitRuns(n)),
      longestToken,
      dates: writtenDates(n),
      coordinates: writtenCoordinates(n),
    };
  },
  // A read text holds some tens of bytes per character: a few MB remembered at most.
  { maxTotalLength: 250_000 },
);

/** A phrase (a label, an institution): its words in order, as tokens. */
function phraseMatches(value: string, a: AnalysedText): RawMatch[] {
  const words = normalisedValue(value)
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

/** The values of a notice are looked for in every text of it. */
const normalisedValue = boundedMemo(4096, normalise, { maxKeyLength: 1024 });

function rawMatches<T>(v: KnownValue<T>, a: AnalysedText): RawMatch[] {
  switch (v.kind) {
    case 'name':
      return nameRuns(v.value, a.n, a.tokens);
    case 'number':
      return numberMatches(normalisedValue(v.value), a.n, a.packed, a.digitStretches);
    case 'phone':
      return phoneMatches(normalisedValue(v.value), a.n, a.packed, a.digitStretches);
    case 'date':
      return dateMatches(v.value, a.n, a.dates);
    case 'amount':
      return amountMatches(normalisedValue(v.value), a.n);
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
  // Tokens are in order of their start: skip, by halving, those too far back to reach the span.
  let lo = 0;
  let hi = a.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a.tokens[mid]?.start ?? 0) + a.longestToken < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < a.tokens.length; i++) {
    const t = a.tokens[i] as Token;
    if (t.start >= end) break;
    if (t.end <= start) continue;
    s = Math.min(s, t.start);
    e = Math.max(e, t.end);
  }
  return originalSpan(a.n, s, e, a.text.length);
}

/** Where each value was found in a text already read: the grant sets of a notice look for the same values in the same texts. */
const spansFound = new WeakMap<AnalysedText, Map<string, RawMatch[]>>();

/** Every place each value shows in the text, in any of the forms of docs/redaction.md. */
export function findValues<T>(a: AnalysedText, values: readonly KnownValue<T>[]): ValueMatch<T>[] {
  let found = spansFound.get(a);
  // A text that keeps coming back (the same summary in many notices) must not gather values for ever.
  if (!found || found.size > 4096) spansFound.set(a, (found = new Map()));
  const out: ValueMatch<T>[] = [];
  for (const value of values) {
    if (!value.value) continue;
    const key = `${value.kind}\u0000${value.value}`;
    let spans = found.get(key);
    if (!spans) found.set(key, (spans = rawMatches(value, a).map((m) => ({ ...wholeWords(a, m.start, m.end), strength: m.strength }))));
    for (const m of spans) out.push({ start: m.start, end: m.end, value, strength: m.strength });
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
  return identifierShapes(a.n, a.tokens, a.coordinates, a.dates).map((m) => ({
    ...wholeWords(a, m.start, m.end),
    shape: m.shape,
    key: m.key,
  }));
}

/** The key a granted value is compared with an identifier's under: its letters and digits, or a phone's digits. */
export function identifierKey(kind: KnownValue['kind'], value: string): string {
  const n = normalise(value);
  return kind === 'phone' ? n.replace(/\D/g, '') : n.replace(/[^\p{L}\p{N}]/gu, '');
}
