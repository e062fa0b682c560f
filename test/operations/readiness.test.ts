import { afterAll, beforeAll, expect, test } from 'vitest';
import { serviceReadiness } from '../../libs/client/index.js';
import { serviceProcess, type ServiceProcess } from '../harness/service-process.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';

let bus: TestBus;
let routing: ServiceProcess;
let port: number;

async function readyz(): Promise<{ status: number; body: { ready?: boolean; detail?: string } }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: res.status, body: (await res.json()) as { ready?: boolean; detail?: string } };
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within 20 s`);
}

beforeAll(async () => {
  bus = await startTestBus();
  // Port 0: the service binds any free port and reports it on its health subject.
  routing = serviceProcess(bus, 'routing', { ACCORD_HTTP_PORT: '0' });
  await until('routing reports its port', async () => {
    const answer = (await serviceReadiness(bus.nc, 'routing')).instances.find((i) => i.pid === routing.child.pid);
    port = answer?.httpPort ?? 0;
    return port > 0;
  });
  await until('routing ready', async () => (await readyz()).status === 200);
}, 60_000);

afterAll(async () => {
  routing?.child.kill('SIGKILL');
  await bus?.dispose();
});

test('a service cut off from NATS answers /readyz 503 while it reconnects, and 200 once it is back', async () => {
  process.kill(bus.nats.pid, 'SIGKILL');
  await until('503 while NATS is down', async () => (await readyz()).status === 503);
  expect((await readyz()).body).toMatchObject({ ready: false, detail: 'NATS connection lost; reconnecting' });
  const live = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(live.status).toBe(200);
  await bus.nats.restart();
  await until('200 once NATS is back', async () => (await readyz()).status === 200);
}, 60_000);
