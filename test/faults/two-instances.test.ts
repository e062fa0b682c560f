import { test } from 'vitest';
import { SERVICES } from '../../libs/bus/index.js';
import { expectExactlyOnce } from './exactly-once.js';
import { FAULT_NOTICES, useFaultStack } from './fault-stack.js';

const faults = useFaultStack({ instances: 2 });

test(`two instances of each service share ${FAULT_NOTICES} notices: each delivered exactly once`, async () => {
  await faults.stack.send(FAULT_NOTICES);
  await expectExactlyOnce('two instances each', faults.stack);
}, 600_000);

test(`one instance of each service killed (kill -9) a third into ${FAULT_NOTICES} notices, the audit writer among them: the others carry on, each delivered exactly once`, async () => {
  let struck = false;
  await faults.stack.send(FAULT_NOTICES, {
    onProgress: async (sent) => {
      if (struck || sent < FAULT_NOTICES / 3) return;
      struck = true;
      // The first audit instance took the writer lease; its standby must take over.
      for (const service of SERVICES) await faults.stack.kill(service, 1);
    },
  });
  await expectExactlyOnce('one of two instances killed', faults.stack);
  for (const service of SERVICES) faults.stack.start(service, 1);
}, 600_000);
