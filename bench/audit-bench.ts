import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { ChainVerifier } from '../libs/audit/index.js';
import { publishServiceEvents, streams } from '../libs/bus/index.js';
import { connectAs, readAuditRecords } from '../libs/client/index.js';
import { timestampFromDate, v1, type AuditEventProps } from '../libs/proto/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../libs/signing/index.js';
import { prepareStack, credsFileOf } from '../libs/stack/index.js';
import { startAuditService } from '../services/audit/audit-service.js';

/** Events shaped like a routed notice's, with no content (as every audit event). */
function benchEvents(batch: number, size: number): AuditEventProps[] {
  return Array.from({ length: size }, (_, i) => ({
    eventId: `bench/${batch}/${i}`,
    kind: v1.AuditKind.VIEW,
    time: timestampFromDate(new Date()),
    service: 'redaction',
    noticeId: `00000000-0000-4000-8000-${String(batch * size + i).padStart(12, '0')}`,
    agency: 'it-police',
    recipient: 'ly-coastguard',
    categories: ['core', 'person.profile', 'smuggler.identity'],
    withheldCategories: ['migrant.identity', 'witness.identity'],
    policyVersion: 'bench-1',
    ruleIds: ['coastguard-operational'],
    digest: new Uint8Array(32),
  }));
}

export interface AuditReplayFigures {
  records: number;
  checkpoints: number;
  /** Records read from the audit stream and verified (chain, Merkle tree, checkpoint signatures) per second. */
  recordsPerSec: number;
  /** How long the audit writer took to chain them, per second. */
  chainedPerSec: number;
}

/**
 * Chains `count` events through the real audit writer on a stack of its own (checkpoints
 * every 1,000 records), then replays the stream as an auditor does and verifies it all.
 */
export async function auditReplayVerify(count: number, progress: (line: string) => void): Promise<AuditReplayFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  const prepared = await prepareStack(dir, { detached: false });
  const nats = { url: prepared.stack.natsUrl, caFile: prepared.stack.caFile ?? '' };
  // The audit service runs in this process: its per-notice log lines would bury the figures.
  process.env.ACCORD_LOG = 'off';
  const audit = await startAuditService({
    nats: { ...nats, credsFile: credsFileOf(prepared.layout, { kind: 'service', service: 'audit' }) },
    maxBatchEvents: 2000,
    auditSigningKeyFile: prepared.layout.auditSigningKey,
    checkpointEveryRecords: 1000,
    checkpointEveryMs: 60_000,
  });
  const operator = await connectAs(prepared.stack, { kind: 'operator' });
  const auditor = await connectAs(prepared.stack, { kind: 'auditor' });
  try {
    const js = jetstream(operator);
    const jsm = await jetstreamManager(operator);
    const batch = 1000;
    const chainStart = performance.now();
    for (let b = 0; b * batch < count; b += 1) await publishServiceEvents(js, 'bench', benchEvents(b, Math.min(batch, count - b * batch)));
    // Chained when the chain's bookmark reaches the last event published.
    const published = (await jsm.streams.info(streams.events)).state.last_seq;
    let bookmark = 0;
    while (bookmark < published) {
      await new Promise((r) => setTimeout(r, 100));
      const last = (await jsm.streams.info(streams.audit)).state.last_seq;
      const block = last > 0 ? await jsm.streams.getMessage(streams.audit, { seq: last }) : null;
      bookmark = block ? Number(v1.AuditBlock.decode(block.data).sourceSeq) : 0;
    }
    const chainedPerSec = count / ((performance.now() - chainStart) / 1000);
    progress(`  ${count} events chained; replaying and verifying`);
    const auditKey = await verificationKeyFromJwk(
      await parsePublicJwk(JSON.parse(readFileSync(prepared.layout.auditPublicKey, 'utf8')), 'audit'),
    );
    const start = performance.now();
    const verifier = new ChainVerifier();
    await readAuditRecords(jetstream(auditor), await jetstreamManager(auditor, { checkAPI: false }), (r) => void verifier.push(r));
    const report = await verifier.finish(auditKey);
    const seconds = (performance.now() - start) / 1000;
    if (report.broken) throw new Error(`the bench chain does not verify at ${report.broken.index}: ${report.broken.reason}`);
    return { records: report.count, checkpoints: report.checkpoints, recordsPerSec: report.count / seconds, chainedPerSec };
  } finally {
    await auditor.close();
    await operator.close();
    await audit.stop();
    await prepared.redis.stop();
    for (const node of prepared.natsNodes) await node.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
