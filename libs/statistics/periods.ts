import { AccordError } from '../errors/index.js';

/** How time is cut into statistics periods: calendar months (UTC), or a fixed length from the Unix epoch. */
export interface PeriodScheme {
  /** 0: calendar months (UTC); any other value: periods of this many seconds. */
  seconds: number;
}

export const MONTHLY: PeriodScheme = { seconds: 0 };

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const INSTANT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The period `at` falls in: `YYYY-MM` for months, else the period's start, `YYYY-MM-DDTHH:MM:SSZ`. */
export function periodOf(scheme: PeriodScheme, at: Date): string {
  if (scheme.seconds === 0) return at.toISOString().slice(0, 7);
  const ms = scheme.seconds * 1000;
  return instantKey(new Date(Math.floor(at.getTime() / ms) * ms));
}

function instantKey(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

/** A period's first instant and the first instant after it; E_USAGE for a name that is not one of the scheme's periods. */
export function periodBounds(scheme: PeriodScheme, period: string): { start: Date; end: Date } {
  if (scheme.seconds === 0) {
    const m = MONTH_KEY.exec(period);
    if (!m) throw new AccordError('E_USAGE', `period "${period}": expected a month, YYYY-MM`);
    const year = Number(m[1]);
    const month = Number(m[2]) - 1;
    return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
  }
  const start = INSTANT_KEY.test(period) ? new Date(period) : new Date(Number.NaN);
  if (Number.isNaN(start.getTime()) || periodOf(scheme, start) !== period) {
    throw new AccordError('E_USAGE', `period "${period}": expected the start of a ${scheme.seconds}-second period, YYYY-MM-DDTHH:MM:SSZ`);
  }
  return { start, end: new Date(start.getTime() + scheme.seconds * 1000) };
}

/** A `--period` selector: a month (`YYYY-MM`) selects every period that starts in it; anything else, that period only. */
export function periodSelected(period: string, selector: string): boolean {
  return MONTH_KEY.test(selector) ? period.startsWith(selector) : period === selector;
}

/** What `--period` accepts: a month, or a period's start. */
export function isPeriodSelector(selector: string): boolean {
  return MONTH_KEY.test(selector) || (INSTANT_KEY.test(selector) && !Number.isNaN(Date.parse(selector)));
}
