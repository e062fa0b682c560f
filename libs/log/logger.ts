import { pino, type Logger as PinoLogger } from 'pino';
import { guardFields, guardMessage, type LogFields } from './log-guard.js';

export type { LogFields } from './log-guard.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Structured JSON lines (pino) on stdout, which the stack sends to DIR/logs/<service>.log.
 * Every field goes through the log guard: ids, codes, counts and hashes only.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose every line carries these fields too (a notice's id and trace id, say). */
  child(fields: LogFields): Logger;
}

function wrap(base: PinoLogger): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}): void => {
      if (base.isLevelEnabled(level)) base[level](guardFields(fields), guardMessage(message));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(base.child(guardFields(fields))),
  };
}

const isLevel = (value: string | undefined): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value ?? '');

/**
 * ACCORD_LOG_LEVEL sets the level (info when unset; the services refuse to start on a
 * wrong value); ACCORD_LOG=off silences the log (tests that start services in-process).
 */
export function createLogger(service: string, destination: pino.DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  const configured = process.env.ACCORD_LOG_LEVEL;
  const level = process.env.ACCORD_LOG === 'off' ? 'silent' : isLevel(configured) ? configured : 'info';
  return wrap(
    pino(
      {
        level,
        base: { service },
        messageKey: 'message',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      destination,
    ),
  );
}
