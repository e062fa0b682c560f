import { streams, subjects } from '../../libs/bus/index.js';
import { readStream } from '../../libs/client/index.js';
import { v1, type Decision } from '../../libs/proto/index.js';
import type { TestBus } from './test-bus.js';

/** How many decisions ingest has written so far. */
export async function decisionCount(bus: TestBus): Promise<number> {
  const info = await bus.jsm.streams.info(streams.events, { subjects_filter: subjects.decisionsAll });
  return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
}

export async function waitForDecisions(bus: TestBus, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await decisionCount(bus)) < count) {
    if (Date.now() > deadline) throw new Error(`only ${await decisionCount(bus)} of ${count} decisions after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every decision written, by ingest sequence. */
export async function allDecisions(bus: TestBus): Promise<Map<number, Decision>> {
  const out = new Map<number, Decision>();
  await readStream(bus.js, bus.jsm, streams.events, { filterSubject: subjects.decisionsAll }, (msg) => {
    const d = v1.Decision.decode(msg.data);
    out.set(Number(d.ingestSeq), d);
  });
  return out;
}

/** Delivered (noticeId, recipient) pairs with how often each was delivered. */
export async function deliveryPairs(bus: TestBus): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await readStream(bus.js, bus.jsm, streams.deliveries, {}, (msg) => {
    const view = v1.DeliveredView.decode(v1.SignedView.decode(msg.data).view);
    const key = `${view.core?.noticeId}/${view.recipient}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  });
  return out;
}
