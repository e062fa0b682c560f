import type { NormalisedText } from './normalise-text.js';
import { confusableForm, consonantSkeleton, latinOf } from './script-forms.js';

/** A word or number of a text, with the forms it is matched in. */
export interface Token {
  /** Span in the normalised text. */
  start: number;
  end: number;
  /** Normalised (lower case, no diacritics, ASCII digits). */
  norm: string;
  /** In Latin letters (transliterated when the token is in another script). */
  latin: string;
  /** Further Latin readings: look-alike letters read as Latin, Arabic prefixes stripped. */
  alternates: string[];
  skeleton: string;
  /** Written in a script other than Latin. */
  foreign: boolean;
  /** Starts with a capital letter as written. */
  capitalised: boolean;
  /** Letters spelt out one by one ("T E S F A Y E"), read as one word; overlaps its letters' tokens. */
  spelled?: boolean;
  /** Offsets in `latin` where the word, as written, turns from a small letter to a capital ("Haddad|Brothers"). */
  camel: number[];
}

/** Where a word turns from a small letter to a capital, when its letters map one to one. */
function camelBreaks(written: string, latin: string): number[] {
  if (written.length !== latin.length) return [];
  const out: number[] = [];
  for (let i = 1; i < written.length; i++) if (/\p{Ll}/u.test(written[i - 1] ?? '') && /\p{Lu}/u.test(written[i] ?? '')) out.push(i);
  return out;
}

const ARABIC = /\p{Script=Arabic}/u;
const ASCII_LETTER = /[a-z]/;
/** Arabic conjunctions, prepositions and the article, written joined to the next word. */
const ARABIC_PREFIXES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ك'];

function arabicReadings(norm: string): string[] {
  const out: string[] = [];
  for (const prefix of ARABIC_PREFIXES) {
    if (norm.startsWith(prefix) && norm.length - prefix.length >= 2) out.push(latinOf(norm.slice(prefix.length)));
  }
  return out;
}

/**
 * Stretches of the original text shown right to left by an override or embedding (U+202E,
 * U+202B, U+2067): a word inside one is read as displayed, reversed.
 */
function rightToLeftRuns(original: string): [number, number][] {
  const runs: [number, number][] = [];
  for (const m of original.matchAll(/[\u202e\u202b\u2067]([^\u202c\u2069\n]*)/gu)) runs.push([m.index, m.index + m[0].length]);
  return runs;
}

/** The text's tokens: maximal runs of letters and digits of the normalised text. */
export function tokenise(original: string, n: NormalisedText): Token[] {
  const tokens: Token[] = [];
  const reversed = rightToLeftRuns(original);
  // An apostrophe between letters joins them: "sa'id" is one word, read "said".
  for (const m of n.text.matchAll(/[\p{L}\p{N}]+(?:'+[\p{L}\p{N}]+)*/gu)) {
    const start = m.index;
    const end = start + m[0].length;
    const norm = m[0].replace(/'/g, '');
    const from = n.origin[start] ?? 0;
    const to = n.origin[end - 1] ?? from;
    const written = original.slice(from, to + 1);
    const latin = latinOf(norm);
    const foreign = /[^\p{ASCII}]/u.test(norm);
    const alternates: string[] = [];
    // Look-alikes matter where a Latin word carries a foreign letter or two.
    if (foreign && ASCII_LETTER.test(norm)) {
      const confusable = confusableForm(written);
      if (confusable !== latin) alternates.push(confusable);
    }
    if (ARABIC.test(norm)) alternates.push(...arabicReadings(norm));
    if (reversed.some(([a, b]) => from >= a && from < b)) alternates.push(Array.from(latin).reverse().join(''));
    tokens.push({
      start,
      end,
      norm,
      latin,
      alternates,
      skeleton: consonantSkeleton(latin),
      foreign,
      capitalised: /^\p{Lu}/u.test(written),
      camel: camelBreaks(written, latin),
    });
  }
  return [...tokens, ...spelledOut(n, tokens)].sort((a, b) => a.start - b.start || Number(a.spelled ?? false) - Number(b.spelled ?? false));
}

/** Runs of four or more single letters with one separator between them, read as the word they spell. */
function spelledOut(n: NormalisedText, tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    while (
      j + 1 < tokens.length &&
      (tokens[j]?.norm.length ?? 0) === 1 &&
      (tokens[j + 1]?.norm.length ?? 0) === 1 &&
      /^[\s.\-_]$/u.test(n.text.slice(tokens[j]?.end ?? 0, tokens[j + 1]?.start ?? 0))
    )
      j++;
    if (j - i >= 3) {
      const letters = tokens.slice(i, j + 1);
      const norm = letters.map((t) => t.norm).join('');
      const latin = latinOf(norm);
      out.push({
        start: letters[0]?.start ?? 0,
        end: letters.at(-1)?.end ?? 0,
        norm,
        latin,
        alternates: [],
        skeleton: consonantSkeleton(latin),
        foreign: false,
        capitalised: true,
        spelled: true,
        camel: [],
      });
    }
    i = j + 1;
  }
  return out;
}

/** Only separators (spaces, punctuation) between two tokens. */
export function adjacent(n: NormalisedText, a: Token, b: Token): boolean {
  return b.start >= a.end && /^[\s\p{Cc},.\-–—_/()'"]*$/u.test(n.text.slice(a.end, b.start)) && b.start - a.end <= 3;
}
