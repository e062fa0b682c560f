export { createLogger, LOG_LEVELS } from './logger.js';
export type { LogFields, Logger, LogLevel } from './logger.js';
export { guardFields, guardMessage, isSafeText, WITHHELD } from './log-guard.js';
