import { jetstream } from '@nats-io/jetstream';
import { expect, test } from 'vitest';
import { consumers, streams } from '../../libs/bus/index.js';
import { v1 } from '../../libs/proto/index.js';
import { expectExactlyOnce, readInbox } from './exactly-once.js';
import { FAULT_NOTICES, useFaultStack } from './fault-stack.js';

const faults = useFaultStack();

test(`a duplicate storm (each of ${FAULT_NOTICES} notices published 3 times at once): each stored, decided and delivered once`, async () => {
  await faults.stack.send(FAULT_NOTICES, { copies: 3 });
  await expectExactlyOnce('duplicate storm', faults.stack);
}, 600_000);

test(`a slow liaison (one view at a time, 20 ms each) while ${FAULT_NOTICES} notices flow: every inbox, the slow one's included, gets each of its views exactly once`, async () => {
  const slow = faults.stack.recipients[0] ?? '';
  const nc = await faults.stack.bus.connectAs({ kind: 'liaison', agency: slow });
  const takenSlowly = new Map<string, number>();
  let reading = true;
  // Takes and acknowledges one view at a time, as an officer's laptop on a poor link would.
  const slowReader = (async () => {
    const consumer = await jetstream(nc).consumers.get(streams.deliveries, consumers.inbox(slow));
    while (reading) {
      try {
        for await (const msg of await consumer.fetch({ max_messages: 1, expires: 1000 })) {
          const noticeId = v1.DeliveredView.decode(v1.SignedView.decode(msg.data).view).core?.noticeId ?? '';
          await new Promise((r) => setTimeout(r, 20));
          await msg.ackAck();
          takenSlowly.set(noticeId, (takenSlowly.get(noticeId) ?? 0) + 1);
        }
      } catch (error) {
        // A fetch that misses its heartbeats on a loaded machine is fetched again, as a liaison's client would.
        if (!(error instanceof Error && error.message.includes('heartbeats missed'))) throw error;
      }
    }
  })();
  await faults.stack.send(FAULT_NOTICES);
  await expectExactlyOnce('slow liaison, the pipeline', faults.stack);
  reading = false;
  await slowReader;
  await nc.close();
  expect(takenSlowly.size).toBeGreaterThan(0);
  // What the slow liaison took, plus what waits for it, is each of its views once; the other inboxes hold all theirs.
  const inboxes = new Map(await Promise.all(faults.stack.recipients.map(async (r) => [r, await readInbox(faults.stack.bus, r)] as const)));
  const slowInbox = inboxes.get(slow) ?? new Map<string, number>();
  for (const [id, n] of takenSlowly) slowInbox.set(id, (slowInbox.get(id) ?? 0) + n);
  console.info(
    `slow liaison ${slow}: ${[...takenSlowly.values()].reduce((a, b) => a + b, 0)} views taken slowly while the stream flowed, ${slowInbox.size} in all`,
  );
  await expectExactlyOnce('slow liaison, every inbox', faults.stack, { inboxes });
}, 600_000);
