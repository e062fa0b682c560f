import { AccordError } from '../errors/index.js';

export type Env = Readonly<Record<string, string | undefined>>;

function configError(name: string, expected: string, got?: string): AccordError {
  const what = got === undefined ? 'is not set' : `is "${got}"`;
  return new AccordError('E_CONFIG', `${name} ${what}; expected ${expected}`);
}

/** Reads configuration variables, failing fast with the variable's name and what it expects. */
export class EnvReader {
  constructor(private readonly env: Env) {}

  string(name: string, expected: string): string {
    const v = this.env[name];
    if (v === undefined || v === '') throw configError(name, expected);
    return v;
  }

  optionalString(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v === '' ? undefined : v;
  }

  url(name: string, protocols: readonly string[]): string {
    const v = this.string(name, `a URL (${protocols.join(' or ')})`);
    if (!isUrlOf(v, protocols)) throw configError(name, `a URL (${protocols.join(' or ')})`, v);
    return v;
  }

  /** One URL, or several separated by commas (the servers of a cluster). */
  urlList(name: string, protocols: readonly string[]): string {
    const expected = `a URL (${protocols.join(' or ')}), or several separated by commas`;
    const v = this.string(name, expected);
    if (!v.split(',').every((u) => isUrlOf(u.trim(), protocols))) throw configError(name, expected, v);
    return v;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const v = this.env[name];
    if (v === undefined || v === '') return fallback;
    if (!(values as readonly string[]).includes(v)) throw configError(name, `one of ${values.join(', ')}`, v);
    return v as T;
  }

  /** An IPv4 or IPv6 address to bind, or a host name. */
  host(name: string, fallback: string): string {
    const v = this.env[name];
    if (v === undefined || v === '') return fallback;
    if (!/^[A-Za-z0-9.:-]{1,253}$/.test(v)) throw configError(name, 'an address to listen on (127.0.0.1, 0.0.0.0, ::)', v);
    return v;
  }

  integer(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) throw configError(name, `an integer from ${min} to ${max}`, v);
    return n;
  }
}

function isUrlOf(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
  } catch {
    return false;
  }
}
