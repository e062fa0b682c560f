import type { FastifyInstance } from 'fastify';
import { AccordError } from '../../libs/errors/index.js';

/** A submitted HTML form: each field's values, in order (a checkbox group has several). */
export type FormBody = Record<string, string[]>;

/** The largest form is the node composer's, a whole notice: its summary alone may have 20,000 characters. */
export const FORM_LIMIT_BYTES = 256 * 1024;

/** Parses urlencoded forms of at most `limitBytes` (a service whose forms are smaller passes its own). */
export function registerFormParser(app: FastifyInstance, limitBytes = FORM_LIMIT_BYTES): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: limitBytes }, (_request, body, done) => {
    const form: FormBody = {};
    for (const [key, value] of new URLSearchParams(String(body))) (form[key] ??= []).push(value);
    done(null, form);
  });
}

/** One field's value; a missing or repeated field is the form's error, not the server's. */
export function field(form: unknown, name: string, options: { optional?: boolean; max?: number } = {}): string | undefined {
  const values = (form as FormBody | undefined)?.[name];
  if (values === undefined || values.length === 0 || values[0] === '') {
    if (options.optional) return undefined;
    throw new AccordError('E_REQUEST_INVALID', `the form lacks ${name}`, { path: `body/${name}` });
  }
  if (values.length > 1) throw new AccordError('E_REQUEST_INVALID', `the form has ${name} twice`, { path: `body/${name}` });
  const [value = ''] = values;
  if (value.length > (options.max ?? 256)) throw new AccordError('E_REQUEST_INVALID', `${name} is too long`, { path: `body/${name}` });
  return value;
}

export function fields(form: unknown, name: string): string[] {
  return (form as FormBody | undefined)?.[name] ?? [];
}
