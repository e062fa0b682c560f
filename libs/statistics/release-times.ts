import { MONTHLY, periodBounds, periodOf } from './periods.js';

const MONTH_NAME = /^\d{4}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** RFC 3339 in UTC, as a release writes it: milliseconds only when there are some. */
export function formatInstant(at: Date): string {
  return at.toISOString().replace('.000Z', 'Z');
}

/** The instant of a release's time text, or undefined unless it is exactly as formatInstant writes it. */
export function parseInstant(text: string): Date | undefined {
  if (!INSTANT.test(text)) return undefined;
  const at = new Date(text);
  return !Number.isNaN(at.getTime()) && formatInstant(at) === text ? at : undefined;
}

/**
 * Why a period's name and bounds do not agree, or undefined: a month's name has that month's
 * bounds (UTC), a fixed-length period's name is its start and its length a whole number of
 * seconds into which the epoch divides time at that start (periods.ts).
 */
export function periodProblem(period: string, start: Date, end: Date): string | undefined {
  if (MONTH_NAME.test(period)) {
    let bounds: { start: Date; end: Date };
    try {
      bounds = periodBounds(MONTHLY, period);
    } catch {
      return `"${period}" is not a month`;
    }
    const same = bounds.start.getTime() === start.getTime() && bounds.end.getTime() === end.getTime();
    return same ? undefined : `the month ${period} runs from ${formatInstant(bounds.start)} to ${formatInstant(bounds.end)}`;
  }
  const ms = end.getTime() - start.getTime();
  if (!(ms > 0) || ms % 1000 !== 0) return 'a period ends a whole number of seconds after it starts';
  const seconds = ms / 1000;
  if (periodOf({ seconds }, start) !== period)
    return `"${period}" is not the name of a ${seconds}-second period starting at ${formatInstant(start)}`;
  return undefined;
}
