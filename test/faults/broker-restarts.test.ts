import { test } from 'vitest';
import { expectExactlyOnce } from './exactly-once.js';
import { FAULT_NOTICES, useFaultStack } from './fault-stack.js';

const faults = useFaultStack();

test(`nats-server killed (kill -9) a third into ${FAULT_NOTICES} notices and started again: each delivered exactly once`, async () => {
  let struck = false;
  await faults.stack.send(FAULT_NOTICES, {
    onProgress: async (sent) => {
      if (struck || sent < FAULT_NOTICES / 3) return;
      struck = true;
      process.kill(faults.stack.bus.nats.pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 1000));
      await faults.stack.bus.nats.restart();
    },
  });
  await expectExactlyOnce('nats-server killed', faults.stack);
}, 600_000);

test(`Redis restarted a third into ${FAULT_NOTICES} notices: ingest pauses, nothing lost or doubled`, async () => {
  let struck = false;
  await faults.stack.send(FAULT_NOTICES, {
    onProgress: async (sent) => {
      if (struck || sent < FAULT_NOTICES / 3) return;
      struck = true;
      await faults.stack.bus.redis.stop();
      await new Promise((r) => setTimeout(r, 1000));
      await faults.stack.bus.redis.restart();
    },
  });
  await expectExactlyOnce('Redis restarted', faults.stack);
}, 600_000);
