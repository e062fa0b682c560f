import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { auditRecordToJson, sha256 } from '../../libs/audit/index.js';
import { streamConfigs, streams, subjects } from '../../libs/bus/index.js';
import { readStream } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { signingKeyFromJwk, type SigningKey } from '../../libs/signing/index.js';
import { busWithSealedChain } from '../harness/sealed-chain.js';
import type { TestBus } from '../harness/test-bus.js';
import { runCliSync as accord, type CliRun } from '../harness/run-cli.js';
import { rewriteChain } from '../harness/rewrite-chain.js';

let bus: TestBus;
let intact: v1.ChainedRecord.$Properties[] = [];
let checkpointIndexes: number[] = [];
let trustedFile = '';

/** Both verifiers: online (`audit replay --verify`) and offline (`audit verify-bundle` of an export). */
function verdicts(...extra: string[]): { replay: CliRun; bundle: CliRun } {
  const bundleFile = join(bus.dir, 'bundle.jsonl');
  expect(accord('audit', 'export', '--dir', bus.dir, '--out', bundleFile).status).toBe(0);
  return {
    replay: accord('audit', 'replay', '--dir', bus.dir, '--verify', ...extra),
    bundle: accord('audit', 'verify-bundle', bundleFile, ...extra),
  };
}

function expectBrokenAt(index: number, ...extra: string[]): void {
  const { replay, bundle } = verdicts(...extra);
  for (const run of [replay, bundle]) {
    expect(run.status, run.stderr).toBe(3);
    expect(run.stderr).toContain(`audit chain broken at index ${index}`);
  }
}

async function storedRecords(): Promise<v1.ChainedRecord.$Properties[]> {
  const out: v1.ChainedRecord.$Properties[] = [];
  await readStream(bus.js, bus.jsm, streams.audit, {}, (msg) => void out.push(...v1.AuditBlock.decode(msg.data).records));
  return out;
}

/** Replaces the stored chain, as the offline admin can: the stream deleted and made again. */
async function storeRecords(records: v1.ChainedRecord.$Properties[]): Promise<void> {
  const admin = await bus.connectAs({ kind: 'admin' });
  const jsm = await jetstreamManager(admin);
  await jsm.streams.delete(streams.audit);
  await jsm.streams.add(
    streamConfigs(bus.settings).find((c) => c.name === streams.audit) ?? { name: streams.audit, subjects: [subjects.auditChain] },
  );
  const js = jetstream(admin);
  for (let i = 0; i < records.length; i += 20)
    await js.publish(subjects.auditChain, v1.AuditBlock.encode({ records: records.slice(i, i + 20) }).finish());
  await admin.close();
}

const decode = (r: v1.ChainedRecord.$Properties) => v1.AuditRecord.decode(r.body ?? new Uint8Array());

function changed(r: v1.ChainedRecord.$Properties, rehash: boolean): v1.ChainedRecord.$Properties {
  const record = decode(r);
  record.event = { ...record.event, agency: 'someone-else' };
  const body = v1.AuditRecord.encode(record).finish();
  return { body, hash: rehash ? sha256(body) : (r.hash ?? new Uint8Array()) };
}

beforeAll(async () => {
  // A chain sealed every 12 records.
  bus = await busWithSealedChain(8, 12);
  intact = await storedRecords();
  checkpointIndexes = intact.flatMap((r, i) => (decode(r).event?.kind === v1.AuditKind.CHECKPOINT ? [i] : []));
  trustedFile = join(bus.dir, 'trusted-checkpoint.json');
  writeFileSync(trustedFile, `${JSON.stringify(auditRecordToJson(decode(intact[checkpointIndexes.at(-1) ?? 0] ?? {})))}\n`);
}, 120_000);

afterAll(async () => {
  await bus?.dispose();
});

describe('audit replay --verify and audit verify-bundle', () => {
  test('the chain holds several signed checkpoints', () => {
    expect(intact.length).toBeGreaterThan(40);
    expect(checkpointIndexes.length).toBeGreaterThanOrEqual(3);
  });

  test('an intact chain: exit 0, with the records after the last checkpoint reported as unsealed', async () => {
    await storeRecords(intact);
    const { replay, bundle } = verdicts('--trusted-checkpoint', trustedFile);
    for (const run of [replay, bundle]) {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/audit chain intact: \d+ records verified from index 0, consistent with the trusted checkpoint/);
      expect(run.stderr).toMatch(/\d+ signed checkpoints, the last sealing records 0 to \d+; \d+ records? after it unsealed/);
    }
  });

  test('a changed field: exit 3 naming its index', async () => {
    await storeRecords(intact.map((r, i) => (i === 20 ? changed(r, false) : r)));
    expectBrokenAt(20);
  });

  test('a changed record whose hash was recomputed: exit 3 naming the next index', async () => {
    await storeRecords(intact.map((r, i) => (i === 20 ? changed(r, true) : r)));
    expectBrokenAt(21);
  });

  test('a removed record: exit 3 naming where it was', async () => {
    await storeRecords(intact.filter((_, i) => i !== 17));
    expectBrokenAt(17);
  });

  test('two records swapped: exit 3 naming the first', async () => {
    const swapped = [...intact];
    [swapped[30], swapped[31]] = [swapped[31] ?? {}, swapped[30] ?? {}];
    await storeRecords(swapped);
    expectBrokenAt(30);
  });

  test('a record inserted: exit 3 naming its index', async () => {
    const inserted = [...intact];
    inserted.splice(25, 0, intact[40] ?? {});
    await storeRecords(inserted);
    expectBrokenAt(25);
  });

  test('a checkpoint with a bad signature, the chain around it rebuilt to hide it: exit 3 naming the checkpoint', async () => {
    const at = checkpointIndexes[1] ?? 0;
    const events = intact.map((r) => decode(r).event ?? {});
    const forger = await signingKeyFromJwk(JSON.parse(readFileSync(bus.layout.busSigningKey, 'utf8')), 'not the audit key');
    await storeRecords(await rewriteChainWithForgedCheckpoint(events, at, forger));
    expectBrokenAt(at);
  });

  test('a tail truncated after a checkpoint: exit 3 under the checkpoint an auditor holds, naming the first missing index', async () => {
    const keep = (checkpointIndexes[1] ?? 0) + 3;
    await storeRecords(intact.slice(0, keep));
    expectBrokenAt(keep, '--trusted-checkpoint', trustedFile);
  });

  test('a whole rewrite re-signed with the audit key passes alone, but fails against a checkpoint an auditor holds', async () => {
    const events = intact.map((r) => decode(r).event ?? {});
    events[3] = { ...events[3], agency: 'someone-else' };
    const rewritten = await rewriteChain(events, await auditKey());
    await storeRecords(rewritten);
    const alone = verdicts();
    expect(alone.replay.status).toBe(0);
    const firstCheckpointCovering = checkpointIndexes.find((c) => c >= Number(JSON.parse(readFileSync(trustedFile, 'utf8')).treeSize)) ?? 0;
    expectBrokenAt(firstCheckpointCovering, '--trusted-checkpoint', trustedFile);
  });

  test('a bundle that cannot be parsed: exit 3', () => {
    const file = join(bus.dir, 'garbage.jsonl');
    writeFileSync(file, 'not json\n');
    expect(accord('audit', 'verify-bundle', file).status).toBe(3);
  });
});

function auditKey(): Promise<SigningKey> {
  return signingKeyFromJwk(JSON.parse(readFileSync(bus.layout.auditSigningKey, 'utf8')), 'audit');
}

/** The chain made anew, its checkpoint at `at` signed by `forger` instead of the audit key. */
async function rewriteChainWithForgedCheckpoint(
  events: v1.AuditEvent.$Properties[],
  at: number,
  forger: SigningKey,
): Promise<v1.ChainedRecord.$Properties[]> {
  const key = await auditKey();
  return rewriteChain(events, key, (index) => (index === at ? forger : key));
}
