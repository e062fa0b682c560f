/**
 * One JSON object per line on stdout. Fields are ids, codes, counts and hashes only:
 * callers never pass notice content, and messages are fixed strings.
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** ACCORD_LOG=off silences the log (tests that start services in-process use it). */
export function createLogger(service: string, write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const off = process.env.ACCORD_LOG === 'off';
  const log = (level: string, message: string, fields: LogFields = {}): void => {
    if (off) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level, service, message, ...fields })}\n`);
  };
  return {
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}
