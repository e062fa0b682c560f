import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ServiceName } from '../../libs/bus/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import type { TestBus } from './test-bus.js';

export interface ServiceProcess {
  child: ChildProcess;
  /** Resolves with the signal that ended it (null when it exited by itself). */
  exited: Promise<NodeJS.Signals | null>;
}

/**
 * A service as its own process (the built one), connected to the test bus as that
 * service, so it can die as a real process dies (kill -9). `env` adds its settings.
 */
export function serviceProcess(bus: TestBus, service: ServiceName, env: Record<string, string>): ServiceProcess {
  const nats = bus.natsFor({ kind: 'service', service });
  const child = spawn(process.execPath, [join(packageRoot(), 'dist', 'services', service, 'main.js')], {
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH,
      ACCORD_NATS_URL: nats.url,
      ACCORD_NATS_CA: nats.caFile,
      ACCORD_NATS_CREDS: nats.credsFile,
      ACCORD_LOG: 'off',
      ...env,
    },
  });
  return { child, exited: new Promise((r) => child.once('exit', (_code, signal) => r(signal))) };
}
