/**
 * Dates and coordinates as a reader understands them, in the judge's own parsing: dates in
 * numeric orders and with month names in several languages and scripts, coordinates as
 * decimals (with or without hemisphere letters, zero-padded), degrees-minutes-seconds and
 * degrees with decimal minutes.
 */
import { fold, visible } from './judge-forms.js';

export interface CalendarDate {
  year: number;
  /** The year was written with two digits only. */
  shortYear: boolean;
  month: number;
  day: number;
}

const MONTH_NAMES: readonly (readonly string[])[] = [
  [
    'january',
    'jan',
    'janvier',
    'janv',
    'januar',
    'jänner',
    'gennaio',
    'genn',
    'gen',
    'enero',
    'ene',
    'janeiro',
    'ocak',
    'januari',
    'января',
    'январь',
    'янв',
    'يناير',
    'كانون الثاني',
    'جانفي',
  ],
  [
    'february',
    'feb',
    'février',
    'fevrier',
    'fevr',
    'fév',
    'fev',
    'februar',
    'febbraio',
    'febrero',
    'fevereiro',
    'şubat',
    'subat',
    'februari',
    'февраля',
    'февраль',
    'фев',
    'فبراير',
    'شباط',
    'فيفري',
  ],
  [
    'march',
    'mar',
    'mars',
    'märz',
    'marz',
    'mrz',
    'marzo',
    'março',
    'marco',
    'mart',
    'maart',
    'марта',
    'март',
    'мар',
    'مارس',
    'آذار',
    'اذار',
  ],
  ['april', 'apr', 'avril', 'avr', 'aprile', 'abril', 'abr', 'nisan', 'апреля', 'апрель', 'апр', 'أبريل', 'ابريل', 'نيسان', 'أفريل'],
  ['may', 'mai', 'maggio', 'mag', 'mayo', 'maio', 'mayıs', 'mayis', 'mei', 'мая', 'май', 'مايو', 'أيار', 'ايار', 'ماي'],
  ['june', 'jun', 'juin', 'juni', 'giugno', 'giu', 'junio', 'junho', 'haziran', 'июня', 'июнь', 'июн', 'يونيو', 'يونيه', 'حزيران', 'جوان'],
  [
    'july',
    'jul',
    'juillet',
    'juil',
    'juli',
    'luglio',
    'lug',
    'julio',
    'julho',
    'temmuz',
    'июля',
    'июль',
    'июл',
    'يوليو',
    'يوليه',
    'تموز',
    'جويلية',
  ],
  [
    'august',
    'aug',
    'août',
    'aout',
    'agosto',
    'ago',
    'ağustos',
    'agustus',
    'augustus',
    'августа',
    'август',
    'авг',
    'أغسطس',
    'اغسطس',
    'آب',
    'اب',
    'أوت',
  ],
  [
    'september',
    'sep',
    'sept',
    'septembre',
    'settembre',
    'set',
    'septiembre',
    'setembro',
    'eylül',
    'eylul',
    'сентября',
    'сентябрь',
    'сен',
    'سبتمبر',
    'أيلول',
    'ايلول',
  ],
  [
    'october',
    'oct',
    'octobre',
    'oktober',
    'okt',
    'ottobre',
    'ott',
    'octubre',
    'outubro',
    'ekim',
    'октября',
    'октябрь',
    'окт',
    'أكتوبر',
    'اكتوبر',
    'تشرين الأول',
    'تشرين الاول',
  ],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'kasım', 'kasim', 'ноября', 'ноябрь', 'ноя', 'نوفمبر', 'تشرين الثاني'],
  [
    'december',
    'dec',
    'décembre',
    'decembre',
    'déc',
    'dezember',
    'dez',
    'dicembre',
    'dic',
    'diciembre',
    'dezembro',
    'aralık',
    'aralik',
    'desember',
    'декабря',
    'декабрь',
    'дек',
    'ديسمبر',
    'كانون الأول',
    'كانون الاول',
  ],
];

const MONTH_BY_NAME = new Map<string, number>();
MONTH_NAMES.forEach((names, i) => {
  for (const n of names) MONTH_BY_NAME.set(fold(n), i + 1);
});
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MONTH = `(${[...MONTH_BY_NAME.keys()]
  .sort((a, b) => b.length - a.length)
  .map((n) => escape(n).replace(/ /g, '\\s+'))
  .join('|')})\\.?(?!\\p{L})`;

const NUM_SEP = '[\\s./\\-\\u2010-\\u2015]{1,2}';
const NAME_SEP = "[\\s./,\\-\\u2010-\\u2015']*(?:(?:de|of|del|du)\\s+)?";
const ORD = '(?:st|nd|rd|th|er|e|eme|ème|º|°|-?го|\\.)?';

type Order = 'ymd' | 'dmy' | 'mdy';
interface DatePattern {
  re: RegExp;
  orders: Order[];
  named: boolean;
}

const PATTERNS: DatePattern[] = [
  { re: new RegExp(`(?<!\\d)(\\d{4})${NUM_SEP}(\\d{1,2})${NUM_SEP}(\\d{1,2})(?!\\d)`, 'gu'), orders: ['ymd'], named: false },
  { re: new RegExp(`(?<!\\d)(\\d{1,2})${NUM_SEP}(\\d{1,2})${NUM_SEP}(\\d{4}|\\d{2})(?!\\d)`, 'gu'), orders: ['dmy', 'mdy'], named: false },
  { re: new RegExp(`(?<!\\d)(\\d{1,2})${ORD}${NAME_SEP}${MONTH}${NAME_SEP}(\\d{4}|\\d{2})(?!\\d)`, 'gu'), orders: ['dmy'], named: true },
  { re: new RegExp(`(?<!\\p{L})${MONTH}${NAME_SEP}(\\d{1,2})${ORD}[\\s,./\\-]*(\\d{4})(?!\\d)`, 'gu'), orders: ['mdy'], named: true },
  { re: new RegExp(`(?<!\\d)(\\d{4})${NAME_SEP}${MONTH}${NAME_SEP}(\\d{1,2})(?!\\d)`, 'gu'), orders: ['ymd'], named: true },
  { re: /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/gu, orders: ['ymd'], named: false },
  { re: /(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)/gu, orders: ['dmy', 'mdy'], named: false },
  { re: /(?<![\d.])(\d{2})(\d{2})(\d{2})(?![\d.])/gu, orders: ['ymd', 'dmy'], named: false },
];

function toDate(y: string, m: string, d: string): CalendarDate | undefined {
  const month = /^\d+$/.test(m) ? Number(m) : MONTH_BY_NAME.get(m.replace(/\s+/g, ' ').replace(/\.$/, ''));
  const day = Number(d);
  if (month === undefined || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { year: Number(y), shortYear: y.length === 2, month, day };
}

export interface DateMention {
  date: CalendarDate;
  /** Written with a month name. */
  named: boolean;
  start: number;
  end: number;
}

/** Every reading of a date in a folded text (an ambiguous 03/04/2001 gives both readings). */
export function datesIn(folded: string): DateMention[] {
  const out: DateMention[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(folded); m; m = p.re.exec(folded)) {
      const [a = '', b = '', c = ''] = m.slice(1);
      for (const order of p.orders) {
        const date = order === 'ymd' ? toDate(a, b, c) : order === 'dmy' ? toDate(c, b, a) : toDate(c, a, b);
        if (date) out.push({ date, named: p.named, start: m.index, end: m.index + m[0].length });
      }
      p.re.lastIndex = m.index + 1;
    }
  }
  return out;
}

export function sameDate(mention: CalendarDate, iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const year = Number(m[1]);
  const yearMatches = mention.shortYear ? mention.year === year % 100 : mention.year === year;
  return yearMatches && mention.month === Number(m[2]) && mention.day === Number(m[3]);
}

export interface CoordinateMention {
  value: number;
  /** More precise than whole degrees. */
  precise: boolean;
  written: string;
}

const num = (s: string | undefined): number => Number((s ?? '0').replace(',', '.'));

/** Coordinates in a folded text whose dates have been blanked. */
export function coordinatesIn(folded: string): CoordinateMention[] {
  const out: CoordinateMention[] = [];
  // NFKC makes the ordinal indicator º an "o", and the ring ˚ a space.
  const DEG = '[°º˚]|deg|d(?![a-z])|o(?=\\s*\\d)';
  const MIN = "['′’‘]|min|m(?![a-z])";
  const SEC = "[\"″”]|''|′′|sec|s(?![a-z])";
  const dms = new RegExp(
    `(?<!\\d)(\\d{1,3})\\s*(?:${DEG})\\s*(\\d{1,2}(?:[.,]\\d+)?)\\s*(?:${MIN})?\\s*(?:(\\d{1,2}(?:[.,]\\d+)?)\\s*(?:${SEC}))?`,
    'gu',
  );
  for (const m of folded.matchAll(dms)) {
    out.push({ value: num(m[1]) + num(m[2]) / 60 + num(m[3]) / 3600, precise: true, written: m[0] });
  }
  for (const m of folded.matchAll(/(?<![\d.,])(\d{1,3})\s+(\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:["″”]|′′))?/gu)) {
    out.push({ value: num(m[1]) + num(m[2]) / 60 + num(m[3]) / 3600, precise: true, written: m[0] });
  }
  for (const m of folded.matchAll(/(?<![\d.,])(\d{1,3})\s+(\d{1,2})\s+(\d{1,2}(?:[.,]\d+)?)\s*[nsew](?![a-z])/gu)) {
    out.push({ value: num(m[1]) + num(m[2]) / 60 + num(m[3]) / 3600, precise: true, written: m[0] });
  }
  // Not inside a longer number ("1,500.25"), but after any other comma ("geo:[withheld],12.08").
  for (const m of folded.matchAll(/(?<!\d)(?<!\d[.,])(\d{1,3})[.,](\d+)(?![\d])/gu)) {
    out.push({ value: num(`${m[1]}.${m[2]}`), precise: true, written: m[0] });
  }
  return out;
}

/** A text's dates and coordinates, found once. */
export function datesAndCoordinates(text: string): { dates: DateMention[]; coordinates: CoordinateMention[] } {
  const folded = fold(visible(text));
  const dates = datesIn(folded);
  let blanked = folded;
  // A date such as 12.03.1984 is not the coordinate 12.03; a short 12.08.32 may be one.
  for (const d of dates.filter((x) => x.named || !x.date.shortYear))
    blanked = blanked.slice(0, d.start) + ' '.repeat(d.end - d.start) + blanked.slice(d.end);
  return { dates, coordinates: coordinatesIn(blanked) };
}
