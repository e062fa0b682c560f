import type { FormValues } from './compose-draft.js';
import type { PageContext } from './console-models.js';
import type { WidenAskForm } from './widen-models.js';

/** A form's problem, as the page's message says it. */
export type WidenFormProblem = Pick<NonNullable<PageContext['flash']>, 'messageKey' | 'params'>;

/** A browser sends a textarea's line breaks as CRLF; the bus refuses a carriage return, so lines end in LF alone. */
export const plainLines = (value: string): string => value.replace(/\r\n?/g, '\n');

/** The one value of a field, or '' when it is absent; a field sent twice is as if absent (no browser does that). */
const one = (form: FormValues, name: string): string => {
  const values = form[name] ?? [];
  return values.length === 1 ? (values[0] ?? '') : '';
};

/**
 * The ask form: the categories ticked (at least one, each among those offered) and the
 * reason (said, at most `reasonMax` characters). The form as typed comes back with a
 * problem, to be shown again.
 */
export function readWidenAskForm(
  form: FormValues,
  offered: readonly string[],
  reasonMax: number,
): { form: WidenAskForm; problem?: WidenFormProblem } {
  const categories = [...new Set(form.categories ?? [])];
  const reason = plainLines(one(form, 'reason'));
  const typed = { categories: categories.filter((c) => offered.includes(c)), reason };
  if (categories.length === 0) return { form: typed, problem: { messageKey: 'widenError.noCategory' } };
  if (categories.some((c) => !offered.includes(c))) return { form: typed, problem: { messageKey: 'widenError.categoryNotOffered' } };
  if (reason.trim() === '') return { form: typed, problem: { messageKey: 'widenError.reasonMissing' } };
  if (reason.trim().length > reasonMax)
    return { form: typed, problem: { messageKey: 'widenError.reasonTooLong', params: { max: reasonMax } } };
  return { form: typed };
}

/** A release's days, a whole number from 1 to `max`; undefined when the form says anything else. */
export function readReleaseDays(form: FormValues, max: number): number | undefined {
  const value = one(form, 'expiresInDays').trim();
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const days = Number(value);
  return days >= 1 && days <= max ? days : undefined;
}

/** A refusal's reason: optional, at most `reasonMax` characters; undefined when it is longer. */
export function readRefusal(form: FormValues, reasonMax: number): string | undefined {
  const reason = plainLines(one(form, 'reason')).trim();
  return reason.length <= reasonMax ? reason : undefined;
}
