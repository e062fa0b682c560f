import { test } from 'vitest';
import type { ServiceName } from '../../libs/bus/index.js';
import { expectExactlyOnce } from './exactly-once.js';
import { FAULT_NOTICES, useFaultStack } from './fault-stack.js';

const faults = useFaultStack();

/**
 * The services killed together in each case. Audit and statistics share one: both only
 * consume what the pipeline has done (events, records), neither feeds the other, and each
 * is checked on its own (the chain, the counts).
 */
const cases: ServiceName[][] = [['ingest'], ['routing'], ['redaction'], ['audit', 'statistics']];

for (const killed of cases) {
  const names = killed.join(' and ');
  test(`${names} killed (kill -9) a third into ${FAULT_NOTICES} notices and restarted: each delivered exactly once, counted once`, async () => {
    let struck = false;
    await faults.stack.send(FAULT_NOTICES, {
      onProgress: async (sent) => {
        if (struck || sent < FAULT_NOTICES / 3) return;
        struck = true;
        for (const service of killed) await faults.stack.kill(service);
        await new Promise((r) => setTimeout(r, 1000));
        for (const service of killed) faults.stack.start(service);
      },
    });
    await expectExactlyOnce(`${names} killed`, faults.stack);
  }, 600_000);
}
