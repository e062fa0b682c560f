import { AccordError } from '../errors/index.js';
import type { Timestamp } from './index.js';

export function timestampFromDate(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

export function timestampFromNanos(nanos: bigint): Timestamp {
  const seconds = nanos / 1_000_000_000n;
  return { seconds: Number(seconds), nanos: Number(nanos - seconds * 1_000_000_000n) };
}

export function dateFromTimestamp(ts: Timestamp | null | undefined): Date {
  const seconds = Number(ts?.seconds ?? 0);
  const nanos = ts?.nanos ?? 0;
  return new Date(seconds * 1000 + Math.floor(nanos / 1_000_000));
}

/**
 * RFC 3339 in UTC, with as many fractional digits as the value needs (proto3 JSON form).
 * Total: a value outside what a date can hold prints as "invalid-time", never throws.
 */
export function formatTimestamp(ts: Timestamp | null | undefined): string {
  const seconds = Number(ts?.seconds ?? 0);
  const nanos = ts?.nanos ?? 0;
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime()) || nanos < 0 || nanos > 999_999_999) return 'invalid-time';
  const base = date.toISOString().slice(0, 19);
  if (nanos === 0) return `${base}Z`;
  let fraction = String(nanos).padStart(9, '0');
  if (fraction.endsWith('000000')) fraction = fraction.slice(0, 3);
  else if (fraction.endsWith('000')) fraction = fraction.slice(0, 6);
  return `${base}.${fraction}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 date-time exactly (no Date.parse leniency); throws E_SCHEMA. */
export function parseRfc3339(text: string, path: string): Timestamp {
  const m = RFC3339.exec(text);
  if (!m) {
    throw new AccordError('E_SCHEMA', `${path}: "${text}" is not an RFC 3339 date-time (e.g. 2026-11-29T08:30:00Z)`, { path });
  }
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  const hour = Number(h),
    minute = Number(mi),
    second = Number(s);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new AccordError('E_SCHEMA', `${path}: "${text}" is not a valid date-time`, { path });
  }
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  const epochSeconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetMinutes * 60;
  return { seconds: epochSeconds, nanos: Number(frac.padEnd(9, '0')) };
}
