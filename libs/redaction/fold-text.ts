import { boundedMemo } from './bounded-memo.js';

/**
 * Text folded for matching (lower case, diacritics removed, "ß" as "ss"), with a map from
 * each folded character back to the original one, so matches found in the folded text
 * are cut out of the original.
 */
export interface FoldedText {
  folded: string;
  /** origin[i] = index in the original of folded character i. */
  origin: number[];
}

/** Letters that carry no combining mark to strip, folded by hand. */
const SPECIAL: Record<string, string> = { ß: 'ss', ı: 'i', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', æ: 'ae', œ: 'oe', þ: 'th', ŀ: 'l' };

/** Invisible characters (soft hyphens, zero-width spaces, ...) fold to nothing. */
function foldChar(c: string): string {
  if (/\p{Cf}/u.test(c)) return '';
  const f = c.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return SPECIAL[f] ?? f;
}

/** Normalising is the costliest step of scrubbing, and a text's letters repeat. */
const foldCharCached = boundedMemo(4096, foldChar);

export function foldText(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const c of text) {
    // ASCII has no combining marks, no format characters and folds by lower case alone.
    const f = c.charCodeAt(0) < 0x80 ? c.toLowerCase() : foldCharCached(c);
    folded += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += c.length;
  }
  return { folded, origin };
}

export function fold(text: string): string {
  return foldText(text).folded;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
