export { createLogger } from './logger.js';
export type { LogFields, Logger } from './logger.js';
