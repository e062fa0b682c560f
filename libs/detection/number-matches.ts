import type { NormalisedText } from './normalise-text.js';

/** A span of the normalised text and how many characters of the value it shows. */
export interface RawMatch {
  start: number;
  end: number;
  strength: number;
}

/** The text's letters and digits run together, with where each came from. */
export interface PackedText {
  packed: string;
  at: number[];
}

export function packText(n: NormalisedText): PackedText {
  let packed = '';
  const at: number[] = [];
  const text = n.text;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (/[\p{L}\p{N}]/u.test(c)) {
      packed += c;
      at.push(i);
    }
  }
  return { packed, at };
}

/** A number's "+" or opening bracket belongs to it: "(091) 555", "+218". */
function withPrefix(text: string, start: number): number {
  let s = start;
  while (s > 0 && /[+(]/.test(text[s - 1] ?? '')) s--;
  return s;
}

/** Every occurrence of `needle` in the packed text, with any separators between its characters. */
function packedOccurrences(n: NormalisedText, p: PackedText, needle: string, out: RawMatch[]): void {
  for (let from = p.packed.indexOf(needle); from >= 0; from = p.packed.indexOf(needle, from + 1)) {
    out.push({ start: withPrefix(n.text, p.at[from] ?? 0), end: (p.at[from + needle.length - 1] ?? 0) + 1, strength: needle.length });
  }
}

/** A digit run's groups, each with its span in the normalised text. */
export type DigitRun = { start: number; end: number; digits: string }[];

/**
 * Digit runs of the text: digits with at most two separators between groups ("+218 91 555
 * 0101", "(091) 555-0101"), each group's span kept so that any part of a run can be read.
 */
export function digitRuns(n: NormalisedText): DigitRun[] {
  const runs: { start: number; end: number; digits: string }[][] = [];
  for (const m of n.text.matchAll(/\d+(?:[\s\-–—./()_+]{1,2}\d+)*/gu)) {
    const groups = [...m[0].matchAll(/\d+/g)].map((g) => ({
      start: m.index + g.index,
      end: m.index + g.index + g[0].length,
      digits: g[0],
    }));
    runs.push(groups);
  }
  return runs;
}

/** A stretch of consecutive groups of a digit run, its digits without leading zeros (a trunk or international prefix). */
export interface DigitStretch {
  start: number;
  end: number;
  core: string;
}

/** Every stretch of up to 8 consecutive groups of each digit run, six digits or more: read once per text. */
export function digitStretches(n: NormalisedText, runs: readonly DigitRun[]): DigitStretch[] {
  const out: DigitStretch[] = [];
  for (const groups of runs) {
    for (let i = 0; i < groups.length; i++) {
      let joined = '';
      for (let j = i; j < groups.length && j - i < 8; j++) {
        joined += groups[j]?.digits ?? '';
        const core = joined.replace(/^0+/, '');
        if (core.length >= 6) out.push({ start: withPrefix(n.text, groups[i]?.start ?? 0), end: groups[j]?.end ?? 0, core });
      }
    }
  }
  return out;
}

/**
 * A number's digits shown in part: any stretch whose digits are six or more of the value's
 * own digits ("5550101" of "+218 91 555 0101", "4455667" of "LY4455667").
 */
function stretchesOf(stretches: readonly DigitStretch[], digits: string, out: RawMatch[]): void {
  if (digits.length < 6) return;
  for (const s of stretches) if (digits.includes(s.core)) out.push({ start: s.start, end: s.end, strength: s.core.length });
}

/** A document, account or vessel number: with any separators, glued to other characters, or its digits alone. */
export function numberMatches(normalisedValue: string, n: NormalisedText, p: PackedText, stretches: readonly DigitStretch[]): RawMatch[] {
  const out: RawMatch[] = [];
  const chars = normalisedValue.replace(/[^\p{L}\p{N}]/gu, '');
  if (chars.length >= 4) packedOccurrences(n, p, chars, out);
  stretchesOf(stretches, chars.replace(/\D/g, ''), out);
  return out;
}

/** A phone number in any format: separators, with or without the country code or a trunk 0, or its last digits. */
export function phoneMatches(normalisedValue: string, n: NormalisedText, p: PackedText, stretches: readonly DigitStretch[]): RawMatch[] {
  const out: RawMatch[] = [];
  const digits = normalisedValue.replace(/\D/g, '');
  if (digits.length >= 6) packedOccurrences(n, p, digits, out);
  stretchesOf(stretches, digits, out);
  return out;
}

/** A decimal amount with any thousands separators: "15000" as "15,000", "15 000", "15.000,00". */
export function amountMatches(normalisedValue: string, n: NormalisedText): RawMatch[] {
  const whole = normalisedValue.replace(/^-/, '').split('.')[0] ?? '';
  if (whole.length < 3 || !/^\d+$/.test(whole)) return [];
  const pattern = new RegExp(`(?<![\\d.,])${Array.from(whole).join("[,.\\s']?")}(?:[.,]\\d+)?(?![\\d])`, 'g');
  return [...n.text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, strength: whole.length }));
}
