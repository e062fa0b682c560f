import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { v1 } from '../../libs/proto/index.js';
import { signingKeyFromJwk } from '../../libs/signing/index.js';
import { runCliSync as accord, type CliRun } from '../harness/run-cli.js';
import { busWithSealedChain } from '../harness/sealed-chain.js';
import type { TestBus } from '../harness/test-bus.js';
import { verifyBundleIndependently, verifyConsistency } from './independent-audit-verifier.js';
import { rewriteChain } from '../harness/rewrite-chain.js';

/*
 * The verifier in ./independent-audit-verifier.ts was written from docs/audit-format.md,
 * the .proto files and RFC 9162 alone. On real bundles, intact and tampered, it must agree
 * with the project's own `accord audit verify-bundle`.
 */

interface BundleLine {
  index: number;
  body: string;
  hash: string;
}

let bus: TestBus;
let bundleFile = '';
let bundleText = '';
let headerLine = '';
let recordLines: string[] = [];
let checkpointIndexes: number[] = [];
interface Trusted {
  /** What `--trusted-checkpoint FILE` holds. */
  value: { signedCheckpoint: string };
  file: string;
}
/** The latest checkpoint, and the one before it, as an auditor would hold them. */
let trustedLatest: Trusted;
let trustedMiddle: Trusted;

const parseLine = (line: string): BundleLine => JSON.parse(line) as BundleLine;
const bodyOf = (line: string): Uint8Array => Buffer.from(parseLine(line).body, 'base64');
const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();
const lineOf = (index: number, body: Uint8Array): string =>
  JSON.stringify({ index, body: Buffer.from(body).toString('base64'), hash: sha256(body).toString('base64') });
const bundleOf = (lines: readonly string[]): string => `${[headerLine, ...lines].join('\n')}\n`;

let written = 0;
/** `accord audit verify-bundle` on a bundle text. */
function projectVerdict(text: string, ...extra: string[]): CliRun {
  const file = join(bus.dir, `bundle-${written++}.jsonl`);
  writeFileSync(file, text);
  return accord('audit', 'verify-bundle', file, ...extra);
}

/** Both verifiers name `index` as the first bad one. */
function expectBothBrokenAt(text: string, index: number, trusted?: Trusted): void {
  expect(verifyBundleIndependently(text, trusted ? { trustedCheckpoint: trusted.value } : {})).toMatchObject({ ok: false, index });
  const theirs = projectVerdict(text, ...(trusted ? ['--trusted-checkpoint', trusted.file] : []));
  expect(theirs.status, theirs.stderr).toBe(3);
  expect(theirs.stderr).toContain(`audit chain broken at index ${index}`);
}

/** Records from `from` on chained anew (prev_hash, hash), as a forger hiding a change before them would. */
function rechained(lines: readonly string[], from: number): string[] {
  const out = [...lines];
  for (let i = from; i < out.length; i++) {
    const record = v1.AuditRecord.decode(bodyOf(out[i] ?? ''));
    record.prevHash = Buffer.from(parseLine(out[i - 1] ?? '').hash, 'base64');
    out[i] = lineOf(i, v1.AuditRecord.encode(record).finish());
  }
  return out;
}

/** The first index at or after `from` that is not a checkpoint. */
const plainRecordFrom = (from: number): number => {
  let i = from;
  while (checkpointIndexes.includes(i) || checkpointIndexes.includes(i + 1)) i++;
  return i;
};

beforeAll(async () => {
  // A chain sealed every 12 records.
  bus = await busWithSealedChain(6, 12);

  bundleFile = join(bus.dir, 'bundle.jsonl');
  const exported = accord('audit', 'export', '--dir', bus.dir, '--out', bundleFile);
  expect(exported.status, exported.stderr).toBe(0);
  bundleText = readFileSync(bundleFile, 'utf8');
  [headerLine = '', ...recordLines] = bundleText.split('\n').filter((l) => l !== '');
  checkpointIndexes = recordLines.flatMap((l, i) => (v1.AuditRecord.decode(bodyOf(l)).event?.kind === v1.AuditKind.CHECKPOINT ? [i] : []));

  // Checkpoints as `audit replay --kind CHECKPOINT --json` prints them and agencies keep them.
  const replay = accord('audit', 'replay', '--dir', bus.dir, '--kind', 'CHECKPOINT', '--json');
  expect(replay.status, replay.stderr).toBe(0);
  const printed = replay.stdout.split('\n').filter((l) => l.trim() !== '');
  const trustedAt = (line: string, name: string): Trusted => {
    const file = join(bus.dir, name);
    writeFileSync(file, `${line}\n`);
    return { value: JSON.parse(line) as { signedCheckpoint: string }, file };
  };
  trustedLatest = trustedAt(printed.at(-1) ?? '{}', 'trusted-latest.json');
  trustedMiddle = trustedAt(printed.at(-2) ?? '{}', 'trusted-middle.json');
}, 60_000);

afterAll(async () => {
  await bus?.dispose();
});

describe('an audit-bundle verifier written from docs/audit-format.md alone', () => {
  test('the exported chain holds several signed checkpoints and unsealed records after them', () => {
    expect(recordLines.length).toBeGreaterThan(30);
    expect(checkpointIndexes.length).toBeGreaterThanOrEqual(3);
  });

  test('an intact exported bundle verifies, with the records, checkpoints and unsealed records verify-bundle reports', () => {
    const theirs = accord('audit', 'verify-bundle', bundleFile);
    expect(theirs.status, theirs.stderr).toBe(0);
    const figures =
      /audit chain intact: (\d+) records verified from index 0; (\d+) signed checkpoints, the last sealing records 0 to \d+; (\d+) records? after it unsealed/.exec(
        theirs.stderr,
      );
    expect(figures, theirs.stderr).not.toBeNull();
    const [, records, checkpoints, unsealed] = figures ?? [];
    const header = JSON.parse(headerLine) as { records: number };
    expect(verifyBundleIndependently(bundleText)).toEqual({
      ok: true,
      records: Number(records),
      checkpoints: Number(checkpoints),
      unsealed: Number(unsealed),
    });
    expect(header.records).toBe(Number(records));
  });

  test('an intact bundle verifies against the latest checkpoint an auditor holds', () => {
    expect(verifyBundleIndependently(bundleText, { trustedCheckpoint: trustedLatest.value })).toMatchObject({ ok: true });
    const theirs = accord('audit', 'verify-bundle', bundleFile, '--trusted-checkpoint', trustedLatest.file);
    expect(theirs.status, theirs.stderr).toBe(0);
  });

  test('a bundle with one byte of a record body changed fails at that record', () => {
    const at = plainRecordFrom(20);
    const body = Buffer.from(bodyOf(recordLines[at] ?? ''));
    body[body.length - 1] = (body[body.length - 1] ?? 0) ^ 0x01;
    const tampered = recordLines.map((l, i) => (i === at ? JSON.stringify({ ...parseLine(l), body: body.toString('base64') }) : l));
    expectBothBrokenAt(bundleOf(tampered), at);
  });

  test('a bundle with two records swapped fails at the first of them', () => {
    const at = plainRecordFrom(25);
    const swapped = [...recordLines];
    [swapped[at], swapped[at + 1]] = [recordLines[at + 1] ?? '', recordLines[at] ?? ''];
    expectBothBrokenAt(bundleOf(swapped), at);
  });

  test('a checkpoint whose JWS signature was altered, the chain after it rebuilt to hide it, fails at the checkpoint', () => {
    const at = checkpointIndexes[1] ?? 0;
    const record = v1.AuditRecord.decode(bodyOf(recordLines[at] ?? ''));
    const signed = v1.SignedCheckpoint.decode(record.event?.checkpoint ?? new Uint8Array());
    const [header = '', signature = ''] = signed.jws.split('..');
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    record.event = {
      ...record.event,
      checkpoint: v1.SignedCheckpoint.encode({ checkpoint: signed.checkpoint, jws: `${header}..${flipped}` }).finish(),
    };
    const tampered = recordLines.map((l, i) => (i === at ? lineOf(i, v1.AuditRecord.encode(record).finish()) : l));
    expectBothBrokenAt(bundleOf(rechained(tampered, at + 1)), at);
  });

  test('a bundle whose tail is missing under a checkpoint the auditor holds fails at its length', () => {
    const keep = (checkpointIndexes[1] ?? 0) + 3;
    expect(keep).toBeLessThan(checkpointIndexes.at(-1) ?? 0);
    const truncated = recordLines.slice(0, keep);
    expect(verifyBundleIndependently(bundleOf(truncated))).toMatchObject({ ok: true });
    expectBothBrokenAt(bundleOf(truncated), keep, trustedLatest);
  });

  test("a held checkpoint whose signature is not the audit key's fails at index 0, even when the chain breaks later", () => {
    const held = v1.SignedCheckpoint.decode(Buffer.from(trustedLatest.value.signedCheckpoint, 'base64'));
    const [header = '', signature = ''] = held.jws.split('..');
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    const line = JSON.stringify({
      signedCheckpoint: Buffer.from(
        v1.SignedCheckpoint.encode({ checkpoint: held.checkpoint, jws: `${header}..${flipped}` }).finish(),
      ).toString('base64'),
    });
    const file = join(bus.dir, 'trusted-forged.json');
    writeFileSync(file, `${line}\n`);
    const at = plainRecordFrom(20);
    const broken = recordLines.map((l, i) =>
      i === at ? JSON.stringify({ ...parseLine(l), hash: sha256(Buffer.from('other')).toString('base64') }) : l,
    );
    expectBothBrokenAt(bundleOf(broken), 0, { value: JSON.parse(line) as { signedCheckpoint: string }, file });
  });

  test('a whole rewrite re-signed with the audit key, one record dropped, passes alone', async () => {
    const rewritten = await rewriteWithout(3);
    expect(verifyBundleIndependently(bundleOf(rewritten))).toMatchObject({ ok: true });
    expect(projectVerdict(bundleOf(rewritten)).status).toBe(0);
  });

  test('that rewrite fails against a held checkpoint at the first of its checkpoints at or after the held tree size', async () => {
    const rewritten = await rewriteWithout(3);
    const held = checkpointIndexes.at(-2) ?? 0;
    // The rewrite's checkpoints sit one index earlier than the originals.
    const firstCovering = checkpointIndexes.map((c) => c - 1).find((c) => c >= held) ?? -1;
    expect(firstCovering).toBe((checkpointIndexes.at(-1) ?? 0) - 1);
    expectBothBrokenAt(bundleOf(rewritten), firstCovering, trustedMiddle);
  });

  test('that rewrite fails against a held checkpoint no later checkpoint covers at the held tree size minus one', async () => {
    const rewritten = await rewriteWithout(3);
    const held = checkpointIndexes.at(-1) ?? 0;
    expect(rewritten.length).toBeGreaterThanOrEqual(held);
    expectBothBrokenAt(bundleOf(rewritten), held - 1, trustedLatest);
  });

  test('the consistency-proof code agrees with the RFC 9162 test vectors of transparency-dev/merkle', () => {
    const dir = join(import.meta.dirname, '..', 'testdata', 'rfc9162-merkle', 'consistency');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const v = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        size1: number;
        size2: number;
        root1: string;
        root2: string;
        proof: string[] | null;
        wantErr: boolean;
      };
      const b = (s: string): Buffer => Buffer.from(s, 'base64');
      expect(verifyConsistency(BigInt(v.size1), BigInt(v.size2), b(v.root1), b(v.root2), (v.proof ?? []).map(b)), file).toBe(!v.wantErr);
    }
  });
});

/** The chain without record `drop`, every hash and checkpoint made anew and signed with the audit key. */
async function rewriteWithout(drop: number): Promise<string[]> {
  const auditKey = await signingKeyFromJwk(JSON.parse(readFileSync(bus.layout.auditSigningKey, 'utf8')), 'audit');
  const events = recordLines.flatMap((l, i) => (i === drop ? [] : [v1.AuditRecord.decode(bodyOf(l)).event ?? {}]));
  return (await rewriteChain(events, auditKey)).map((r, i) => lineOf(i, r.body ?? new Uint8Array()));
}
