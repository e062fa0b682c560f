import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceName } from '../../libs/bus/index.js';
import { packageRoot, serviceEnvironment } from '../../libs/stack/index.js';
import type { TestBus } from './test-bus.js';

export interface ServiceProcess {
  child: ChildProcess;
  /** Resolves with the signal that ended it (null when it exited by itself). */
  exited: Promise<NodeJS.Signals | null>;
}

/**
 * A service as its own process (the built one), with the environment `stack up` gives
 * it plus `env`, so it can die as a real process dies (kill -9). Its output goes to
 * `logs/<name>.log` in the bus's folder.
 */
export function serviceProcess(bus: TestBus, service: ServiceName, env: Record<string, string>, name: string = service): ServiceProcess {
  const log = openSync(bus.layout.log(name), 'a');
  const child = spawn(process.execPath, [join(packageRoot(), 'dist', 'services', service, 'main.js')], {
    stdio: ['ignore', log, log],
    env: { ...serviceEnvironment(bus.layout, bus.state, bus.stack, service), ...env },
  });
  return { child, exited: new Promise((r) => child.once('exit', (_code, signal) => r(signal))) };
}
