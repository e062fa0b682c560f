/**
 * What may appear in a log line: ids, codes, counts, hashes, never a notice's content.
 * Each field has a shape its value must have; a value of another shape (a name, a phone
 * number, free text) is replaced, and a field not listed here is dropped, so no caller can
 * log personal data by mistake.
 */
const SHAPES = {
  noticeId: /^[0-9a-fA-F-]{1,64}$/,
  traceId: /^[0-9a-f]{32}$/,
  agency: /^[a-z][a-z0-9-]{1,31}$/,
  recipient: /^[a-z][a-z0-9-]{1,31}$/,
  code: /^E_[A-Z_]{1,40}$/,
  kid: /^[A-Za-z0-9_-]{1,64}$/,
  path: /^[A-Za-z0-9_./[\]-]{1,120}$/,
  policyVersion: /^[A-Za-z0-9_.:@-]{1,80}$/,
  version: /^[A-Za-z0-9_.:@-]{1,80}$/,
  /** A statistics period: `YYYY-MM`, or a period's start. */
  period: /^\d{4}-\d{2}(?:-\d{2}T\d{2}:\d{2}:\d{2}Z)?$/,
  service: /^[a-z][a-z0-9-]{1,40}$/,
  signal: /^SIG[A-Z0-9]{1,10}$/,
  subject: /^[A-Za-z0-9_.>*-]{1,200}$/,
  consumer: /^[A-Za-z0-9_-]{1,80}$/,
  method: /^[A-Z]{3,7}$/,
  /** A route's pattern (`/api/v1/views/:noticeId`), never the URL as requested. */
  route: /^[A-Za-z0-9_./:*-]{1,120}$/,
} as const;

const NUMERIC = [
  'seq',
  'attempt',
  'delayMs',
  'graceMs',
  'pid',
  'count',
  'recipients',
  'tombstones',
  'erased',
  'records',
  'port',
  'ms',
  'status',
  'suppressed',
] as const;

/** Free text (reasons, error messages) written by the bus itself; withheld if it looks like it carries data. */
const TEXT = ['reason', 'error'] as const;

type Shaped = { [K in keyof typeof SHAPES]?: string | undefined };
type Numeric = { [K in (typeof NUMERIC)[number]]?: number | undefined };
type Text = { [K in (typeof TEXT)[number]]?: string | undefined };

export type LogFields = Shaped & Numeric & Text;

export const WITHHELD = '[withheld by the log guard]';

/**
 * Free text is kept only if nothing in it looks like personal data: no run of 5 or more
 * digits (phone, document, account numbers), no e-mail, no quoted value, no IBAN-like
 * token; what the bus writes in its own errors passes, a value echoed from a notice does not.
 */
export function isSafeText(text: string): boolean {
  if (text.length > 500) return false;
  if (/\d[\d ./-]{4,}\d/.test(text.replace(/\b\d{1,3}(\.\d{1,3}){3}:\d{1,5}\b/g, '').replace(/\b[0-9a-f-]{36}\b/gi, ''))) return false;
  if (/[@"“”«»]/.test(text)) return false;
  if (/\b[A-Z]{2}\d{2}[A-Z0-9]{8,}\b/.test(text)) return false;
  return true;
}

/** The fields as they may be logged: shaped values kept, others withheld, unknown fields dropped. */
export function guardFields(fields: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (key in SHAPES) {
      const shape = SHAPES[key as keyof typeof SHAPES];
      out[key] = typeof value === 'string' && shape.test(value) ? value : WITHHELD;
    } else if ((NUMERIC as readonly string[]).includes(key)) {
      out[key] = typeof value === 'number' && Number.isFinite(value) ? value : WITHHELD;
    } else if ((TEXT as readonly string[]).includes(key)) {
      out[key] = typeof value === 'string' && isSafeText(value) ? value : WITHHELD;
    }
  }
  return out;
}

/** Messages are fixed strings; one that looks like it carries data is withheld like a field. */
export function guardMessage(message: string): string {
  return isSafeText(message) ? message : WITHHELD;
}
