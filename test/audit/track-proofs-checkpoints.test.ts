import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { jetstream } from '@nats-io/jetstream';
import { checkpointSignatureValid, openSignedCheckpoint } from '../../libs/audit/index.js';
import { publishSubmission, sendReceipt, signNotice } from '../../libs/client/index.js';
import { verifyInclusion } from '../../libs/merkle/index.js';
import { v1 } from '../../libs/proto/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { stackLayout } from '../../libs/stack/index.js';
import { runCli as accord } from '../harness/run-cli.js';
import { awaitDecision, waitForAuditRecord } from '../harness/bus-readers.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';

let bus: TestBus;
let services: TestServices;
let police: TestAgency;
let noticeId = '';

beforeAll(async () => {
  bus = await startTestBus();
  police = await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  services = await startTestServices(bus, { audit: { checkpointEveryMs: 300 } });
  const notice = sampleNotice('it-police', { addressees: ['ly-coastguard'] });
  noticeId = notice.noticeId ?? '';
  const { seq } = await publishSubmission(bus.js, 'it-police', noticeId, await signNotice(notice, police.key));
  await awaitDecision(bus.nc, 'it-police', seq, 15_000);
  const liaison = await bus.connectAs({ kind: 'liaison', agency: 'ly-coastguard' });
  await sendReceipt(jetstream(liaison), 'ly-coastguard', noticeId, 'Lt. Omar');
  await liaison.close();
  await waitForAuditRecord(bus, (r) => r.event?.kind === v1.AuditKind.RECEIPT && r.event.noticeId === noticeId);
  // A checkpoint after the receipt seals every record of the notice.
  await waitForAuditRecord(
    bus,
    (r) =>
      r.event?.kind === v1.AuditKind.CHECKPOINT &&
      Number(v1.Checkpoint.decode(v1.SignedCheckpoint.decode(r.event.checkpoint ?? new Uint8Array()).checkpoint).treeSize) > 12,
  );
}, 60_000);

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

test('the issuing agency tracks its notice: who received it, with which categories, who read it', async () => {
  const run = await accord('track', noticeId, '--as', 'it-police', '--dir', bus.dir, '--json');
  expect(run.status, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as {
    deliveries: { recipient: string; categories: string[] }[];
    receipts: { agency: string; officer: string }[];
  };
  expect(report.deliveries.map((d) => d.recipient)).toEqual(['ly-coastguard']);
  expect(report.deliveries[0]?.categories).toContain('smuggler.identity');
  expect(report.receipts).toEqual([expect.objectContaining({ agency: 'ly-coastguard', officer: 'Lt. Omar' })]);
});

test('another agency cannot track it', async () => {
  const run = await accord('track', noticeId, '--as', 'ly-coastguard', '--dir', bus.dir);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('no notice of yours has this id');
});

test("audit proof gives inclusion proofs of the notice's records that verify against a signed checkpoint", async () => {
  const run = await accord('audit', 'proof', noticeId, '--dir', bus.dir);
  expect(run.status, run.stderr).toBe(0);
  const proofs = run.stdout
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          index: number;
          kind: string;
          leafHash: string;
          treeSize: number;
          rootHash: string;
          proof: string[];
          signedCheckpoint: string;
        },
    );
  expect(new Set(proofs.map((p) => p.kind))).toEqual(new Set(['RECEIVED', 'ACCEPTED', 'ROUTED', 'VIEW', 'DELIVERED', 'RECEIPT']));
  expect(proofs[0]?.kind).toBe('RECEIVED');
  const auditKey = await verificationKeyFromJwk(await parsePublicJwk(JSON.parse(readFileSync(bus.layout.auditPublicKey, 'utf8')), 'audit'));
  for (const p of proofs) {
    const { signed, checkpoint } = openSignedCheckpoint(Buffer.from(p.signedCheckpoint, 'base64'));
    expect(await checkpointSignatureValid(signed, auditKey)).toBe(true);
    expect(Buffer.from(checkpoint.rootHash).toString('base64')).toBe(p.rootHash);
    expect(
      verifyInclusion(
        p.index,
        p.treeSize,
        Buffer.from(p.leafHash, 'base64'),
        p.proof.map((h) => Buffer.from(h, 'base64')),
        Buffer.from(p.rootHash, 'base64'),
      ),
    ).toBe(true);
  }
});

test('checkpoints reach every agency, which keeps them; one serves as a trusted checkpoint', async () => {
  const run = await accord('inbox', '--as', 'ly-coastguard', '--dir', bus.dir);
  expect(run.status, run.stderr).toBe(0);
  const dir = join(stackLayout(bus.dir).agencyStore('ly-coastguard'), 'checkpoints');
  const kept = readdirSync(dir).sort();
  expect(kept.length).toBeGreaterThan(0);
  const verify = await accord('audit', 'replay', '--dir', bus.dir, '--verify', '--trusted-checkpoint', join(dir, kept.at(-1) ?? ''));
  expect(verify.status, verify.stderr).toBe(0);
  expect(verify.stderr).toContain('consistent with the trusted checkpoint');
});
