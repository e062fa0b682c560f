import { test } from 'vitest';
import type { ServiceName } from '../../libs/bus/index.js';
import { expectExactlyOnce } from './exactly-once.js';
import { FAULT_NOTICES, useFaultStack } from './fault-stack.js';

const faults = useFaultStack();

const services: ServiceName[] = ['ingest', 'routing', 'redaction', 'audit', 'statistics'];

for (const service of services) {
  test(`${service} killed (kill -9) a third into ${FAULT_NOTICES} notices and restarted: each delivered exactly once`, async () => {
    let struck = false;
    await faults.stack.send(FAULT_NOTICES, {
      onProgress: async (sent) => {
        if (struck || sent < FAULT_NOTICES / 3) return;
        struck = true;
        await faults.stack.kill(service);
        await new Promise((r) => setTimeout(r, 1000));
        faults.stack.start(service);
      },
    });
    await expectExactlyOnce(`${service} killed`, faults.stack);
  }, 600_000);
}
