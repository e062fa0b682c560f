import { expect, test } from 'vitest';
import { streams } from '../../libs/bus/index.js';
import { expectExactlyOnce } from './exactly-once.js';
import { FAULT_NOTICES, useFaultStack } from './fault-stack.js';

const faults = useFaultStack({ clusterNodes: 3, instances: 2 });

test('every stream is replicated on the three nodes', async () => {
  for (const name of Object.values(streams)) {
    const info = await faults.stack.bus.jsm.streams.info(name);
    expect(info.config.num_replicas, name).toBe(3);
    expect((info.cluster?.replicas ?? []).length, name).toBe(2);
  }
});

test(`the node leading the ingest stream killed (kill -9) a third into ${FAULT_NOTICES} notices and brought back: each delivered exactly once`, async () => {
  let struck = false;
  await faults.stack.send(FAULT_NOTICES, {
    onProgress: async (sent) => {
      if (struck || sent < FAULT_NOTICES / 3) return;
      struck = true;
      const leader = (await faults.stack.bus.jsm.streams.info(streams.ingest)).cluster?.leader ?? '';
      const node = faults.stack.bus.natsNodes.find((n) => n.serverName === leader);
      if (!node) throw new Error(`no node named ${leader}`);
      process.kill(node.pid, 'SIGKILL');
      setTimeout(() => void node.restart(), 3000);
    },
  });
  await expectExactlyOnce('cluster node killed', faults.stack);
}, 600_000);
