import { normalise, type NormalisedText } from './normalise-text.js';
import type { RawMatch } from './number-matches.js';

/**
 * Month names as officers write them: English, French, German, Italian, Spanish,
 * Portuguese, Dutch, Turkish, Russian (nominative and genitive), Arabic (Egyptian and Gulf,
 * Levantine, Maghrebi) and Persian; Latin-script names also as 3- and 4-letter
 * abbreviations. Each entry is normalised the way the text is.
 */
const MONTH_NAMES: string[][] = [
  [
    'january',
    'janvier',
    'januar',
    'janner',
    'januari',
    'gennaio',
    'enero',
    'janeiro',
    'ocak',
    'январь',
    'января',
    'يناير',
    'كانون الثاني',
    'جانفي',
    'ژانویه',
  ],
  [
    'february',
    'fevrier',
    'februar',
    'feber',
    'februari',
    'febbraio',
    'febrero',
    'fevereiro',
    'subat',
    'февраль',
    'февраля',
    'فبراير',
    'شباط',
    'فيفري',
    'فوریه',
  ],
  ['march', 'mars', 'marz', 'maerz', 'mrz', 'maart', 'marzo', 'marco', 'mart', 'март', 'марта', 'مارس', 'آذار', 'مارس'],
  ['april', 'avril', 'aprile', 'abril', 'nisan', 'апрель', 'апреля', 'أبريل', 'ابريل', 'نيسان', 'أفريل', 'آوریل'],
  ['may', 'mai', 'mei', 'maggio', 'mayo', 'maio', 'mayis', 'май', 'мая', 'مايو', 'أيار', 'ماي', 'مه'],
  ['june', 'juin', 'juni', 'giugno', 'junio', 'junho', 'haziran', 'июнь', 'июня', 'يونيو', 'يونيه', 'حزيران', 'جوان', 'ژوئن'],
  ['july', 'juillet', 'juli', 'luglio', 'julio', 'julho', 'temmuz', 'июль', 'июля', 'يوليو', 'يوليه', 'تموز', 'جويلية', 'ژوئیه'],
  ['august', 'aout', 'augustus', 'agosto', 'agustos', 'август', 'августа', 'أغسطس', 'آب', 'أوت', 'اوت'],
  [
    'september',
    'septembre',
    'settembre',
    'septiembre',
    'setiembre',
    'setembro',
    'eylul',
    'сентябрь',
    'сентября',
    'سبتمبر',
    'أيلول',
    'سپتامبر',
  ],
  ['october', 'octobre', 'oktober', 'ottobre', 'octubre', 'outubro', 'ekim', 'октябрь', 'октября', 'أكتوبر', 'تشرين الأول', 'اکتبر'],
  ['november', 'novembre', 'noviembre', 'novembro', 'kasim', 'ноябрь', 'ноября', 'نوفمبر', 'تشرين الثاني', 'نوامبر'],
  [
    'december',
    'decembre',
    'dezember',
    'dicembre',
    'diciembre',
    'dezembro',
    'aralik',
    'декабрь',
    'декабря',
    'ديسمبر',
    'كانون الأول',
    'دسامبر',
  ],
];

const MONTH_OF = new Map<string, number>();
MONTH_NAMES.forEach((names, i) => {
  for (const name of names) {
    const n = normalise(name);
    if (!MONTH_OF.has(n)) MONTH_OF.set(n, i + 1);
    if (/^[a-z]+$/.test(n))
      for (const len of [3, 4]) if (n.length > len && !MONTH_OF.has(n.slice(0, len))) MONTH_OF.set(n.slice(0, len), i + 1);
  }
});
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MONTHS = [...MONTH_OF.keys()]
  .sort((a, b) => b.length - a.length)
  .map((m) => escape(m).replace(/ /g, '\\s+'))
  .join('|');

const SEP = '[\\s\\-–./,]*';
const DAY_MONTH_YEAR = new RegExp(
  `(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|eme|e|\\.)?${SEP}(?:of\\s+|de\\s+|del\\s+)?(${MONTHS})\\.?(?!\\p{L})${SEP}(?:de\\s+|del\\s+)?(\\d{4}|\\d{2})(?!\\d)`,
  'gu',
);
const MONTH_DAY_YEAR = new RegExp(`(?<!\\p{L})(${MONTHS})\\.?${SEP}(\\d{1,2})(?:st|nd|rd|th)?[\\s,]*(\\d{4})(?!\\d)`, 'gu');
const NUMERIC = /(?<!\d)(\d{1,4})([-–./\s])(\d{1,2})\2(\d{1,4})(?!\d)/gu;
const COMPACT = /(?<!\d)(\d{8})(?!\d)/gu;
/** Six digits: YYMMDD, as machine-readable travel documents write a date of birth, or DDMMYY. */
const SIX_DIGITS = /(?<!\d)(\d{6})(?!\d)/gu;

/** A calendar date as written: a two-digit year stands for any century. */
interface WrittenDate {
  y: number;
  m: number;
  d: number;
  twoDigitYear: boolean;
}

function written(y: string, m: number, d: string): WrittenDate {
  return { y: Number(y), m, d: Number(d), twoDigitYear: y.length <= 2 };
}

/** Every reading of a numeric date: year first, day first, month first. */
function numericReadings(a: string, b: string, c: string): WrittenDate[] {
  const out: WrittenDate[] = [];
  if (a.length === 4) out.push(written(a, Number(b), c));
  if (c.length === 4 || c.length === 2) out.push(written(c, Number(b), a), written(c, Number(a), b));
  return out;
}

/** Dates written in the text, each with its span in the normalised text. */
export function writtenDates(n: NormalisedText): { start: number; end: number; readings: WrittenDate[] }[] {
  const out: { start: number; end: number; readings: WrittenDate[] }[] = [];
  const month = (name: string): number => MONTH_OF.get(name.replace(/\s+/g, ' ')) ?? 0;
  for (const m of n.text.matchAll(DAY_MONTH_YEAR))
    out.push({ start: m.index, end: m.index + m[0].length, readings: [written(m[3] ?? '', month(m[2] ?? ''), m[1] ?? '')] });
  for (const m of n.text.matchAll(MONTH_DAY_YEAR))
    out.push({ start: m.index, end: m.index + m[0].length, readings: [written(m[3] ?? '', month(m[1] ?? ''), m[2] ?? '')] });
  for (const m of n.text.matchAll(NUMERIC))
    out.push({ start: m.index, end: m.index + m[0].length, readings: numericReadings(m[1] ?? '', m[3] ?? '', m[4] ?? '') });
  for (const m of n.text.matchAll(SIX_DIGITS)) {
    const s = m[1] ?? '';
    out.push({
      start: m.index,
      end: m.index + 6,
      readings: [written(s.slice(0, 2), Number(s.slice(2, 4)), s.slice(4)), written(s.slice(4), Number(s.slice(2, 4)), s.slice(0, 2))],
    });
  }
  for (const m of n.text.matchAll(COMPACT)) {
    const s = m[1] ?? '';
    out.push({
      start: m.index,
      end: m.index + 8,
      readings: [written(s.slice(0, 4), Number(s.slice(4, 6)), s.slice(6)), ...numericReadings(s.slice(0, 2), s.slice(2, 4), s.slice(4))],
    });
  }
  return out;
}

/** Where a date (YYYY-MM-DD) is written, in any common form or language. */
export function dateMatches(iso: string, n: NormalisedText, dates = writtenDates(n)): RawMatch[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [];
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return dates
    .filter((w) => w.readings.some((r) => r.m === mo && r.d === d && (r.twoDigitYear ? r.y === y % 100 : r.y === y)))
    .map((w) => ({ start: w.start, end: w.end, strength: 10 }));
}
