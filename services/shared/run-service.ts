import { errorMessage, isAccordError } from '../../libs/errors/index.js';
import { createLogger } from '../../libs/log/index.js';

export interface RunningService {
  /** Stops taking work, finishes what is in hand, and closes connections. */
  stop(): Promise<void>;
}

/** Time a stopping service has to drain before it exits anyway. */
const STOP_GRACE_MS = 20_000;

/**
 * The whole of a service's process life: start, or say in one line why not and exit 1;
 * on SIGINT or SIGTERM, drain and exit 0 (1 if draining fails or takes over 20 s).
 */
export function runService(name: string, start: () => Promise<RunningService>): void {
  const log = createLogger(name);
  // Reading the configuration may throw before any promise exists: treat it as a failed start.
  Promise.resolve()
    .then(start)
    .then(
      (service) => {
        log.info('started', { pid: process.pid });
        let stopping = false;
        const stop = (signal: string): void => {
          if (stopping) return;
          stopping = true;
          log.info('stopping', { signal });
          // A stop that cannot finish (a dependency gone for good) must not keep the process alive.
          setTimeout(() => {
            log.error('stop did not finish in time; exiting', { graceMs: STOP_GRACE_MS });
            process.exit(1);
          }, STOP_GRACE_MS).unref();
          service.stop().then(
            () => {
              log.info('stopped');
              process.exit(0);
            },
            (error: unknown) => {
              log.error('stop failed', { error: errorMessage(error) });
              process.exit(1);
            },
          );
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      },
      (error: unknown) => {
        const code = isAccordError(error) ? `${error.code}: ` : '';
        process.stderr.write(`accord-${name}: cannot start: ${code}${errorMessage(error)}\n`);
        log.error('cannot start', { error: errorMessage(error) });
        // Whatever start-up left open (a connection, a timer) must not keep the process alive.
        process.exit(1);
      },
    );
}
