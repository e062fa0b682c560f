import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './cli-errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What a command takes besides its options. */
interface Positionals {
  min: number;
  max: number;
  names: string;
  /**
   * The last positional's exact shape, where it may begin with "-" (a key id is base64url):
   * a word of that shape is the positional, not an option, without the user's "--".
   */
  last?: RegExp;
}

/** `argv` with a word of the last positional's shape moved after a "--", unless the user gave one. */
function withLastPositional(argv: string[], last: RegExp | undefined): string[] {
  if (!last || argv.includes('--')) return argv;
  const moved = argv.filter((a) => a.startsWith('-') && last.test(a));
  return moved.length === 0 ? argv : [...argv.filter((a) => !moved.includes(a)), '--', ...moved];
}

/** Strict option parsing: an unknown option or a missing value is a usage error, exit 2. */
export function parseOptions<T extends Options>(argv: string[], options: T, positionals: Positionals) {
  let parsed;
  try {
    parsed = parseArgs({
      args: withLastPositional(argv, positionals.last),
      options: { ...options, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
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
