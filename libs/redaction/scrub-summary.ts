import type { Category } from '../notice/index.js';
import { escapeRegExp, fold, foldText } from './fold-text.js';
import { boundedMemo } from './bounded-memo.js';
import { isValidIban, isValidImo } from './identifier-checks.js';

export type ValueKind = 'name' | 'number' | 'phone' | 'date' | 'phrase' | 'amount' | 'coordinate';

/** A value of the notice's structured fields, with its category. */
export interface KnownValue {
  category: Category;
  kind: ValueKind;
  value: string;
}

export interface ScrubInput {
  text: string;
  /** Values withheld from the recipient: each must vanish from the text, in any form. */
  withheld: readonly KnownValue[];
  /** Values granted to the recipient: generic identifiers equal to one of them stay. */
  granted: readonly KnownValue[];
  /** The category an identifier of unknown owner falls under for this recipient, if withheld. */
  unattributedIdentity: Category | undefined;
  financialWithheld: boolean;
  conveyanceWithheld: boolean;
  /** Under WITNESS_PROTECTION every marker is a bare "[withheld]". */
  bareMarkers: boolean;
}

export interface ScrubResult {
  text: string;
  /** Replacements made, by category. */
  counts: Map<Category, number>;
}

interface Span {
  start: number;
  end: number;
  category: Category;
}

/** Between the characters of a number: spaces, any dash, dots, slashes, brackets, underscores. */
const SEPARATORS = '[\\s\\p{Pd}_./()]*';
const digitsOf = (s: string): string => s.replace(/\D/g, '');
const alnumOf = (s: string): string => fold(s).replace(/[^\p{L}\p{N}]/gu, '');

/** A value's characters with any separators between them: "LY44 556-67" matches "LY4455667". */
function separatedPattern(chars: string): string {
  return [...chars].map(escapeRegExp).join(SEPARATORS);
}

/** A name part, also written with its letters spaced out or hyphenated ("T E S F A Y E"). */
function tokenPattern(token: string): string {
  return token.length >= 4 ? [...token].map(escapeRegExp).join('[\\s.\\p{Pd}_]?') : escapeRegExp(token);
}

function namePatterns(name: string): string[] {
  const tokens = fold(name).split(/[^\p{L}\p{N}]+/u).filter((t) => t.length >= 2);
  // Up to three initials, each a lone letter followed by a dot or a space.
  const initials = '(?:\\p{L}(?:\\.\\s*|\\s+)){0,3}';
  const patterns: string[] = [];
  if (tokens.length > 1) patterns.push(tokens.map(escapeRegExp).join('[\\s,.\\p{Pd}_]+'), [...tokens].reverse().map(escapeRegExp).join('[\\s,.\\p{Pd}_]+'));
  // Each name alone (a surname, a given name), with any initials before it: "K. Haddad";
  // a short surname ("Li", "Wu") too, when it is the last part of the name.
  tokens.forEach((t, i) => {
    if (t.length >= 3 || i === tokens.length - 1) patterns.push(`${initials}${tokenPattern(t)}`);
  });
  return patterns;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A decimal amount with any thousands separators: "15000" as "15,000", "15 000", "15.000,00". */
function amountPattern(amount: string): string[] {
  const whole = amount.replace(/^-/, '').split('.')[0] ?? '';
  if (whole.length < 3) return [];
  return [`${[...whole].map(escapeRegExp).join("[,.\\s']?")}(?:[.,]\\d+)?`];
}

/** A coordinate, to two decimals or more: a withheld position must not stay in the text. */
function coordinatePattern(value: string): string[] {
  const m = /^(-?)(\d+)\.(\d{2})/.exec(value);
  return m ? [`${m[1] ? '-' : '-?'}${m[2]}[.,]${m[3]}\\d*`] : [];
}

function datePatterns(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const sep = '[\\s./\\p{Pd}]';
  const dd = `0?${Number(d)}`;
  const mm = `0?${Number(mo)}`;
  const year = `(?:${y}|${y.slice(2)})`;
  const month = MONTHS[Number(mo) - 1] ?? '';
  const monthName = `(?:${month}|${month.slice(0, 3)}\\.?)`;
  return [
    `${y}${sep}${mm}${sep}${dd}`,
    `${dd}${sep}${mm}${sep}${year}`,
    `${mm}${sep}${dd}${sep}${year}`,
    `${dd}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${monthName},?\\s+${y}`,
    `${monthName}\\s+${dd}(?:st|nd|rd|th)?,?\\s+${y}`,
  ];
}

function patternsOfValue(kind: ValueKind, value: string): string[] {
  switch (kind) {
    case 'name':
      return namePatterns(value);
    case 'date':
      return datePatterns(value);
    case 'phone': {
      // Any format: separators, with or without the country code or a trunk 0.
      const d = digitsOf(value);
      const national = d.length > 9 ? d.slice(-9) : d;
      return d.length >= 6 ? [`\\+?${separatedPattern(d)}`, `\\(?0?${separatedPattern(national)}`] : [];
    }
    case 'number': {
      const chars = alnumOf(value);
      return chars.length >= 4 ? [separatedPattern(chars)] : [];
    }
    case 'phrase': {
      const f = fold(value).trim();
      return f.length >= 3 ? [f.split(/\s+/).map(escapeRegExp).join('\\s+')] : [];
    }
    case 'amount':
      return amountPattern(value);
    case 'coordinate':
      return coordinatePattern(value);
  }
}

/** The patterns of a value, by kind and value: the same values recur. */
const patternsByKey = boundedMemo(2048, (key) => {
  // Split at the first NUL only: a value may hold one, a kind never does.
  const at = key.indexOf('\u0000');
  return patternsOfValue(key.slice(0, at) as ValueKind, key.slice(at + 1));
});
const patternsFor = (v: KnownValue): string[] => patternsByKey(`${v.kind}\u0000${v.value}`);

/** Each pattern compiled once: compiling is dearer than matching a short text. */
const wholeWordRegExp = boundedMemo(2048, (pattern) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'gu'));

function findAll(folded: string, pattern: string, category: Category, out: Span[]): void {
  for (const m of folded.matchAll(wholeWordRegExp(pattern))) if (m[0].length > 0) out.push({ start: m.index, end: m.index + m[0].length, category });
}

/** Generic identifiers found in the text whatever the structured fields hold. */
function genericSpans(text: string, input: ScrubInput): Span[] {
  const spans: Span[] = [];
  const grantedKeys = new Set(input.granted.map((g) => (g.kind === 'phone' ? digitsOf(g.value) : alnumOf(g.value))));
  const keep = (raw: string, key: string): boolean => grantedKeys.has(key) || grantedKeys.has(alnumOf(raw));
  const add = (m: RegExpMatchArray, category: Category | undefined, key: string): void => {
    if (category && !keep(m[0], key)) spans.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, category });
  };
  const identity = input.unattributedIdentity;
  for (const m of text.matchAll(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu)) add(m, identity, alnumOf(m[0]));
  for (const m of text.matchAll(/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g)) {
    if (isValidIban(m[0])) add(m, input.financialWithheld ? 'financial' : undefined, alnumOf(m[0]));
  }
  for (const m of text.matchAll(/\bIMO[\s:#-]*(\d{7})\b/gi)) {
    if (isValidImo(m[1] ?? '')) add(m, input.conveyanceWithheld ? 'conveyance' : undefined, alnumOf(m[0]));
  }
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])\+?\d[\d\s\-().]{6,}\d(?![\p{L}\p{N}])/gu)) {
    const digits = digitsOf(m[0]);
    if (digits.length >= 8 && !/^\d{4}-\d{2}-\d{2}$/.test(m[0].trim())) add(m, identity, digits);
  }
  for (const m of text.matchAll(/\b[A-Z]{1,2}\d{6,9}\b/g)) add(m, identity, alnumOf(m[0]));
  return spans;
}

/**
 * Replaces in free text every value withheld from the recipient (names in any case, with
 * or without diacritics, reordered or partial; numbers with any separators; phones in any
 * format; dates in common formats) and generic identifiers (e-mail addresses, phone
 * numbers, IBANs with a valid checksum, IMO numbers, passport-like numbers) by
 * "[withheld:<category>]", or a bare "[withheld]" under WITNESS_PROTECTION.
 */
export function scrubSummary(input: ScrubInput): ScrubResult {
  const { folded, origin } = foldText(input.text);
  const foldedSpans: Span[] = [];
  for (const v of input.withheld) for (const p of patternsFor(v)) findAll(folded, p, v.category, foldedSpans);
  const spans: Span[] = foldedSpans.map((s) => ({
    start: origin[s.start] ?? 0,
    end: (origin[s.end - 1] ?? input.text.length - 1) + 1,
    category: s.category,
  }));
  spans.push(...genericSpans(input.text, input));

  // Overlaps merge into one span; the earlier category names it.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const counts = new Map<Category, number>();
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += input.text.slice(at, s.start) + (input.bareMarkers ? '[withheld]' : `[withheld:${s.category}]`);
    counts.set(s.category, (counts.get(s.category) ?? 0) + 1);
    at = s.end;
  }
  out += input.text.slice(at);
  return { text: out, counts };
}
