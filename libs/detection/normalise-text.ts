import { boundedMemo } from './bounded-memo.js';
import { asciiDigit } from './unicode-digits.js';

/**
 * Text as matching sees it, with a map from each of its characters back to the original
 * one, so that what is found in the normalised text is cut out of the original.
 */
export interface NormalisedText {
  text: string;
  /** origin[i] = index in the original of normalised character i. */
  origin: number[];
}

/** Letters that carry no combining mark to strip, folded by hand. */
const SPECIAL: Record<string, string> = { ß: 'ss', ı: 'i', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', æ: 'ae', œ: 'oe', þ: 'th', ŀ: 'l', ŧ: 't' };

/**
 * Arabic-script letters written differently for the same sound: Persian kaf and yeh, alef
 * maksura, heh goal and doachashmee, Urdu yeh barree; teh marbuta, which transliterations
 * write "a", "ah" or nothing, is dropped. (Hamza and madda forms decompose to the bare
 * letter and a mark, which is stripped.)
 */
const ARABIC_VARIANTS: Record<string, string> = { ک: 'ك', ی: 'ي', ى: 'ي', ے: 'ي', ة: '', ۀ: 'ه', ہ: 'ه', ھ: 'ه', ٱ: 'ا' };

/**
 * Apostrophes and their look-alikes, all written "'": they join a name's parts ("Sa'id",
 * "N’Diaye"), which tokens read as one word, and mark minutes (32°55'52").
 */
const APOSTROPHES = new Set(['’', '‘', 'ʼ', 'ʻ', 'ʿ', 'ʾ', '`', '´', 'ʹ', '′']);

/** The Arabic decimal and thousands separators, as digits are made ASCII. */
const SEPARATORS: Record<string, string> = { '٫': '.', '٬': ',' };
const TATWEEL = '\u0640';

function normaliseChar(c: string): string {
  if (APOSTROPHES.has(c)) return "'";
  const separator = SEPARATORS[c];
  if (separator) return separator;
  if (c === TATWEEL || /\p{Cf}/u.test(c)) return '';
  const digit = asciiDigit(c.codePointAt(0) ?? 0);
  if (digit) return digit;
  let out = '';
  for (const d of c.normalize('NFKC').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()) {
    out += APOSTROPHES.has(d) ? "'" : (SPECIAL[d] ?? ARABIC_VARIANTS[d] ?? asciiDigit(d.codePointAt(0) ?? 0) ?? d);
  }
  return out;
}

/** A text's letters repeat, and normalising is the costliest step of matching. */
const normaliseCharCached = boundedMemo(8192, normaliseChar);

/**
 * NFKC; digits of every script as ASCII digits; zero-width, bidi and other format
 * characters, soft hyphens and tatweel removed; diacritics and Arabic vowel marks removed;
 * lower case; Arabic and Persian letter variants folded; apostrophes all written "'".
 */
export function normaliseText(text: string): NormalisedText {
  let out = '';
  const origin: number[] = [];
  let i = 0;
  for (const c of text) {
    // ASCII has no marks and no format characters: lower case alone folds it.
    const f = c.charCodeAt(0) < 0x80 ? (c === '`' ? "'" : c.toLowerCase()) : normaliseCharCached(c);
    out += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += c.length;
  }
  return { text: out, origin };
}

export function normalise(text: string): string {
  return normaliseText(text).text;
}

/** The original span of normalised characters [start, end). */
export function originalSpan(n: NormalisedText, start: number, end: number, originalLength: number): { start: number; end: number } {
  const from = n.origin[start] ?? originalLength;
  const lastOrigin = n.origin[end - 1];
  if (lastOrigin === undefined) return { start: from, end: originalLength };
  // The last character may be a surrogate pair or a composed sequence: cut it whole.
  let next = end;
  while (next < n.origin.length && n.origin[next] === lastOrigin) next++;
  return { start: from, end: n.origin[next] ?? originalLength };
}
