import type { NormalisedText } from './normalise-text.js';
import type { RawMatch } from './number-matches.js';

/** A coordinate written in the text: degrees (signed when the text says which side). */
export interface WrittenCoordinate {
  start: number;
  end: number;
  degrees: number;
  /** The text gave a hemisphere or a sign. */
  signed: boolean;
  /** Finer than whole degrees (decimals, minutes or seconds). */
  precise: boolean;
  /** Unmistakably a coordinate (a degree sign, minutes, a hemisphere letter), not just a decimal. */
  marked: boolean;
}

const num = (s: string | undefined): number => Number((s ?? '0').replace(',', '.'));
const HEMISPHERE = '([nsew])(?![\\p{L}])';
const DEGREE = '[°˚º]';
/** NFKC writes the ordinal indicator º as "o": read as a degree sign before minutes. */
const DEGREE_BEFORE_MINUTES = '[°˚ºo]';
const MINUTE = "'";
const SECOND = "(?:\"|″|”|'')";

/** The patterns, most specific first: a span claimed by one is not read again by the next. */
const PATTERNS: { re: RegExp; read: (m: RegExpMatchArray) => Omit<WrittenCoordinate, 'start' | 'end'> }[] = [
  {
    // 32d 55m 52s N
    re: new RegExp(`(?<![\\d.])(-?\\d{1,3})\\s*d\\s*(\\d{1,2})\\s*m\\s*(\\d{1,2}(?:[.,]\\d+)?)\\s*s?\\s*(?:${HEMISPHERE})?`, 'gu'),
    read: (m) => ({
      degrees: signOf(m[1], m[4]) * (Math.abs(num(m[1])) + num(m[2]) / 60 + num(m[3]) / 3600),
      signed: signed(m[1], m[4]),
      precise: true,
      marked: true,
    }),
  },
  {
    // 32°55'52"N, 32° 55′ 52.3″ N, 32 55 52N
    re: new RegExp(
      `(?<![\\d.])(-?\\d{1,3})\\s*(?:${DEGREE_BEFORE_MINUTES}|\\s)\\s*(\\d{1,2})\\s*(?:${MINUTE}|\\s)\\s*(\\d{1,2}(?:[.,]\\d+)?)\\s*${SECOND}?\\s*(?:${HEMISPHERE})?`,
      'gu',
    ),
    read: (m) => ({
      degrees: signOf(m[1], m[4]) * (Math.abs(num(m[1])) + num(m[2]) / 60 + num(m[3]) / 3600),
      signed: signed(m[1], m[4]),
      precise: true,
      marked: /[°˚º'"″”]/u.test(m[0]) || m[4] !== undefined,
    }),
  },
  {
    // 32°55.87'N, 32° 55.87′
    re: new RegExp(
      `(?<![\\d.])(-?\\d{1,3})\\s*${DEGREE_BEFORE_MINUTES}\\s*(\\d{1,2}(?:[.,]\\d+)?)\\s*${MINUTE}?\\s*(?:${HEMISPHERE})?`,
      'gu',
    ),
    read: (m) => ({
      degrees: signOf(m[1], m[3]) * (Math.abs(num(m[1])) + num(m[2]) / 60),
      signed: signed(m[1], m[3]),
      precise: true,
      marked: true,
    }),
  },
  {
    // N32.9312, N 32.9312°
    re: new RegExp(`(?<![\\p{L}\\d])([nsew])\\s*(\\d{1,3}(?:[.,]\\d+)?)\\s*${DEGREE}?`, 'gu'),
    read: (m) => ({ degrees: signOf(undefined, m[1]) * num(m[2]), signed: true, precise: /[.,]/.test(m[2] ?? ''), marked: true }),
  },
  {
    // 32.9312N, 012.0815 E, 32.9312°, -12.0815
    re: new RegExp(`(?<![\\d.])(-?\\d{1,3}(?:[.,]\\d+)?)(?:\\s*(${DEGREE}))?(?:\\s*${HEMISPHERE})?`, 'gu'),
    read: (m) => ({
      degrees: signOf(m[1], m[3]) * Math.abs(num(m[1])),
      signed: signed(m[1], m[3]),
      precise: /[.,]\d/.test(m[1] ?? ''),
      marked: m[2] !== undefined || m[3] !== undefined,
    }),
  },
];

function signOf(value: string | undefined, hemisphere: string | undefined): number {
  return value?.startsWith('-') || hemisphere === 's' || hemisphere === 'w' ? -1 : 1;
}

function signed(value: string | undefined, hemisphere: string | undefined): boolean {
  return hemisphere !== undefined || (value?.startsWith('-') ?? false);
}

/** Every coordinate-like expression of the text, in decimal degrees. */
export function writtenCoordinates(n: NormalisedText): WrittenCoordinate[] {
  const out: WrittenCoordinate[] = [];
  const claimed: [number, number][] = [];
  for (const { re, read } of PATTERNS) {
    for (const m of n.text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].trimEnd().length;
      if (claimed.some(([s, e]) => start < e && end > s)) continue;
      const c = read(m);
      if (!Number.isFinite(c.degrees) || Math.abs(c.degrees) > 180) continue;
      claimed.push([start, end]);
      out.push({ start, end, ...c });
    }
  }
  return out;
}

/** Closer than this to a withheld coordinate, a mention finer than whole degrees gives it away. */
const TOLERANCE_DEGREES = 0.06;

/** Where a withheld coordinate (decimal degrees) is written, in any notation, to better than a degree. */
export function coordinateMatches(value: number, coordinates: readonly WrittenCoordinate[]): RawMatch[] {
  return coordinates
    .filter(
      (c) =>
        c.precise && Math.abs((c.signed ? c.degrees : Math.abs(c.degrees)) - (c.signed ? value : Math.abs(value))) <= TOLERANCE_DEGREES,
    )
    .map((c) => ({ start: c.start, end: c.end, strength: 10 }));
}
