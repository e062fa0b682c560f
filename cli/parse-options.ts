import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './cli-errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict option parsing: an unknown option or a missing value is a usage error, exit 2. */
export function parseOptions<T extends Options>(argv: string[], options: T, positionals: { min: number; max: number; names: string }) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
  const count = parsed.positionals.length;
  if (!(parsed.values as { help?: boolean }).help && (count < positionals.min || count > positionals.max)) {
    throw usageError(
      positionals.min === 0 && positionals.max === 0 ? `unexpected argument "${parsed.positionals[0]}"` : `expected ${positionals.names}`,
    );
  }
  return parsed;
}

export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw usageError(`--${name} is required`);
  return value;
}

export function parseTime(value: string, name: string): Date {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw usageError(`--${name} ${value}: expected an RFC 3339 time such as 2026-11-29T08:00:00Z`);
  return new Date(ms);
}

export function parseCount(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw usageError(`--${name} ${value}: expected a whole number`);
  return Number(value);
}
