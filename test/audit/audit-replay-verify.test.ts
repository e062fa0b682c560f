import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { chainEvents, sha256 } from '../../libs/audit/index.js';
import { streams, subjects } from '../../libs/bus/index.js';
import { publishSubmission, readStream, signNotice } from '../../libs/client/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import { awaitDecision, auditChain, waitForAuditRecord } from '../harness/bus-readers.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices } from '../harness/test-services.js';

let bus: TestBus;
let intactBlocks: Uint8Array[] = [];

function auditReplayVerify(): { status: number | null; stderr: string } {
  const cli = join(packageRoot(), 'dist', 'cli', 'main.js');
  const run = spawnSync(process.execPath, [cli, 'audit', 'replay', '--dir', bus.dir, '--verify'], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

async function storedBlocks(): Promise<Uint8Array[]> {
  const blocks: Uint8Array[] = [];
  await readStream(bus.js, bus.jsm, streams.audit, {}, (msg) => void blocks.push(msg.data));
  return blocks;
}

/** Replaces the stored chain with these blocks, as an operator with admin rights could. */
async function storeBlocks(blocks: Uint8Array[]): Promise<void> {
  await bus.jsm.streams.purge(streams.audit);
  for (const block of blocks) await bus.js.publish(subjects.auditChain, block);
}

/** The intact chain with one record's agency changed, its stored hash kept or recomputed. */
function withChangedRecord(changedIndex: number, { rehash }: { rehash: boolean }): Uint8Array[] {
  let position = 0;
  return intactBlocks.map((bytes) => {
    const block = v1.AuditBlock.decode(bytes);
    block.records = block.records.map((chained) => {
      if (position++ !== changedIndex) return chained;
      const record = v1.AuditRecord.decode(chained.body ?? new Uint8Array());
      record.event = { ...record.event, agency: 'someone-else' };
      const body = v1.AuditRecord.encode(record).finish();
      return { body, hash: rehash ? sha256(body) : (chained.hash ?? new Uint8Array()) };
    });
    return v1.AuditBlock.encode(block).finish();
  });
}

beforeAll(async () => {
  bus = await startTestBus();
  const police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  const services = await startTestServices(bus);
  for (let i = 0; i < 3; i++) {
    const notice = sampleNotice('it-police', { addressees: ['ly-coastguard'] });
    const { seq } = await publishSubmission(bus.js, 'it-police', notice.noticeId ?? '', await signNotice(notice, police.key));
    await awaitDecision(bus.nc, 'it-police', seq, 15_000);
    await waitForAuditRecord(bus, (r) => r.event?.kind === v1.AuditKind.DELIVERED && r.event.noticeId === notice.noticeId);
  }
  await services.stop();
  intactBlocks = await storedBlocks();
});

afterAll(async () => {
  await bus?.dispose();
});

beforeEach(async () => {
  await storeBlocks(intactBlocks);
});

describe('audit replay --verify', () => {
  test('exits 0 on an intact chain', async () => {
    expect((await auditChain(bus)).records.length).toBeGreaterThan(10);
    const run = auditReplayVerify();
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('audit chain intact');
  });

  test('exits 3 naming the index of an appended record whose previous-hash is wrong', async () => {
    const height = (await auditChain(bus)).records.length;
    const forged = chainEvents({ nextIndex: height, lastHash: new Uint8Array(32).fill(1) }, [{ eventId: 'forged', kind: v1.AuditKind.SERVICE }], timestampFromDate(new Date()));
    await bus.js.publish(subjects.auditChain, v1.AuditBlock.encode({ records: forged.records }).finish());
    const run = auditReplayVerify();
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(`audit chain broken at index ${height}`);
  });

  test('exits 3 naming the index of a stored record that was changed', async () => {
    await storeBlocks(withChangedRecord(5, { rehash: false }));
    const run = auditReplayVerify();
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('audit chain broken at index 5');
  });

  test('exits 3 naming the next index when a changed record was re-hashed', async () => {
    await storeBlocks(withChangedRecord(5, { rehash: true }));
    const run = auditReplayVerify();
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('audit chain broken at index 6');
  });
});
