import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ServiceName } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { SETTINGS, type Setting } from '../settings/index.js';
import { isRunning, spawnLogged } from './child-process.js';
import { packageRoot } from './package-root.js';
import { serviceReadiness, type StackFile } from '../client/index.js';
import { credsFileOf } from './stack-identities.js';
import type { StackLayout } from './stack-layout.js';
import type { StackState } from './stack-state.js';

/**
 * A service's environment: its own credential only, and of the stack's secrets those the
 * settings table gives its stage, so that no service is handed a key it does not read.
 */
export function serviceEnvironment(layout: StackLayout, state: StackState, stack: StackFile, service: ServiceName): NodeJS.ProcessEnv {
  const values: [Setting, string | undefined][] = [
    [SETTINGS.natsUrl, stack.natsUrl],
    [SETTINGS.natsCa, stack.caFile],
    [SETTINGS.natsCreds, credsFileOf(layout, { kind: 'service', service })],
    // Several services share the machine: each binds any free port and reports it when ready.
    [SETTINGS.httpPort, '0'],
    [SETTINGS.redisUrl, state.redisUrl],
    [SETTINGS.busSecretFile, layout.busSecret],
    [SETTINGS.busSigningKeyFile, layout.busSigningKey],
    [SETTINGS.pseudonymKeyFile, layout.pseudonymKey],
    [SETTINGS.auditSigningKeyFile, layout.auditSigningKey],
  ];
  return {
    PATH: process.env.PATH,
    NODE_OPTIONS: '--enable-source-maps',
    ...Object.fromEntries(
      values.filter(([setting]) => setting.services.includes(service)).map(([setting, value]) => [setting.name, value]),
    ),
    ...state.serviceEnv,
  };
}

/** An instance's name in the stack's process list and logs: "ingest", then "ingest-2", ... */
export function instanceName(service: ServiceName, instance: number): string {
  return instance === 1 ? service : `${service}-${instance}`;
}

export function startServiceProcess(layout: StackLayout, name: string, service: ServiceName, env: NodeJS.ProcessEnv): number {
  const entry = join(packageRoot(), 'dist', 'services', service, 'main.js');
  if (!existsSync(entry)) throw new AccordError('E_STATE', `${entry} is missing: run \`npm run build\` first`);
  // Diagnostics: V8 CPU profiles, written when the service stops (Node refuses --cpu-prof in NODE_OPTIONS).
  const profileDir = env.ACCORD_CPU_PROFILE_DIR;
  const args = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, entry] : [entry];
  return spawnLogged(process.execPath, args, layout.log(name), { env, detached: true }).pid;
}

function lastLines(file: string, n: number): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
}

/**
 * Waits until every instance of the service answers its health subject as ready, or says
 * why it did not. Each must still be running. Returns the HTTP port each instance bound
 * (it was told port 0, so no port passes between picking and binding), by instance name.
 */
export async function waitForServiceReady(
  nc: NatsConnection,
  layout: StackLayout,
  service: ServiceName,
  instances: Record<string, number>,
  timeoutMs: number,
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const [name, pid] of Object.entries(instances)) {
      if (!isRunning(pid)) {
        throw new AccordError(
          'E_STATE',
          `service ${name} exited during start-up; last lines of ${layout.log(name)}:\n${lastLines(layout.log(name), 5)}`,
        );
      }
    }
    const { instances: answers } = await serviceReadiness(nc, service);
    const ports: Record<string, number> = {};
    for (const [name, pid] of Object.entries(instances)) {
      const answer = answers.find((a) => a.pid === pid && a.ready && a.httpPort !== undefined);
      if (answer?.httpPort !== undefined) ports[name] = answer.httpPort;
    }
    if (Object.keys(ports).length === Object.keys(instances).length) return ports;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new AccordError('E_TIMEOUT', `service ${service} did not report ready within ${timeoutMs / 1000} s; see ${layout.log(service)}`);
}
