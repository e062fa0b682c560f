import type { NatsConnection } from '@nats-io/transport-node';
import { subjects } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { v1 } from '../proto/index.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits for ingest's decision on the submission with this ingest sequence, asking ingest
 * (on the agency's own subject) until it has one.
 */
export async function awaitDecision(nc: NatsConnection, agency: string, seq: number, timeoutMs: number): Promise<v1.Decision> {
  const deadline = Date.now() + timeoutMs;
  const query = v1.DecisionQuery.encode({ ingestSeq: seq }).finish();
  let lastError = 'ingest did not answer';
  while (Date.now() < deadline) {
    try {
      const reply = await nc.request(subjects.adapterRequest(agency, 'decision'), query, {
        timeout: Math.min(2000, Math.max(deadline - Date.now(), 1)),
      });
      const answer = v1.DecisionAnswer.decode(reply.data);
      if (answer.found && answer.decision) return v1.Decision.create(answer.decision);
      lastError = 'ingest has not decided yet';
    } catch (error) {
      lastError = `ingest did not answer (${(error as Error).message})`;
    }
    await sleep(100);
  }
  throw new AccordError('E_TIMEOUT', `no decision on submission ${seq} from ${agency} within ${timeoutMs / 1000} s: ${lastError}`);
}
