import { beforeAll, describe, expect, test } from 'vitest';
import { progressPercent, verifyStatusJson, VerifyJob, type ChainSource } from '../../libs/audit-console/index.js';
import type { v1 } from '../../libs/proto/index.js';
import { auditFixture, listSource, type AuditFixture } from './audit-fixture.js';

let fx: AuditFixture;
beforeAll(async () => {
  fx = await auditFixture();
});

/** A source that reads the first half, then waits until released: a verification caught half way. */
function pausedSource(records: readonly v1.ChainedRecord.$Properties[]): {
  source: ChainSource;
  release: () => void;
  halfway: Promise<void>;
} {
  let release = (): void => undefined;
  let reached = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const halfway = new Promise<void>((resolve) => (reached = resolve));
  const half = Math.floor(records.length / 2);
  const source: ChainSource = async (onRecord, onProgress) => {
    for (const [i, r] of records.entries()) {
      if (i === half) {
        reached();
        await gate;
      }
      onRecord(r);
      onProgress?.((i + 1) / records.length);
    }
  };
  return { source, release, halfway };
}

const T0 = new Date('2026-12-01T10:00:00Z');

describe('the whole-chain verification', () => {
  test('idle until started; running with its progress; then intact, with the checkpoints it found', async () => {
    const paused = pausedSource(fx.records);
    const job = new VerifyJob(paused.source, fx.auditKey, () => T0);
    expect(job.status).toEqual({ state: 'idle' });
    expect(job.start()).toBe(true);
    await paused.halfway;
    const running = job.status;
    expect(running).toEqual({ state: 'running', startedAt: T0.toISOString(), checked: 6, fraction: 6 / 12 });
    expect(progressPercent(running)).toBe(50);
    expect(job.start()).toBe(false);
    paused.release();
    await job.settled();
    expect(job.status).toEqual({
      state: 'done',
      startedAt: T0.toISOString(),
      finishedAt: T0.toISOString(),
      outcome: { count: 12, checkpoints: 1, sealed: 10, unsealed: 1, broken: undefined },
    });
    expect(progressPercent(job.status)).toBe(100);
  });

  test('a changed record: the outcome names the first bad chain index and why', async () => {
    const records = fx.records.map((r, i) => (i === 4 ? { body: r.body ?? null, hash: new Uint8Array(32) } : r));
    const job = new VerifyJob(listSource(records), fx.auditKey);
    job.start();
    await job.settled();
    expect(job.status).toMatchObject({
      state: 'done',
      outcome: { broken: { index: 4, reason: 'the stored hash is not SHA-256 of the record' } },
    });
  });

  test("a checkpoint not signed by the audit key breaks the chain at the checkpoint's index", async () => {
    const job = new VerifyJob(listSource(fx.records), fx.otherKey);
    job.start();
    await job.settled();
    expect(job.status).toMatchObject({
      state: 'done',
      outcome: { broken: { index: 10, reason: "the checkpoint's signature is not the audit key's" } },
    });
  });

  test('a read that fails is a failed verification with its reason, never an intact one; it can be started again', async () => {
    const failing: ChainSource = async (onRecord) => {
      onRecord(fx.records[0] ?? {});
      throw new Error('the bus went away');
    };
    const job = new VerifyJob(failing, fx.auditKey);
    job.start();
    await job.settled();
    expect(job.status).toMatchObject({ state: 'failed', message: 'the bus went away' });
    expect(job.start()).toBe(true);
    await job.settled();
  });

  test('progress never shows 100% while the verification runs', () => {
    expect(progressPercent({ state: 'running', startedAt: '', checked: 10, fraction: 1 })).toBe(99);
    expect(progressPercent({ state: 'idle' })).toBe(0);
  });

  test("the status the page's script polls: state, percent, and the line in the page's language", () => {
    expect(verifyStatusJson('fr', { state: 'running', startedAt: '', checked: 42, fraction: 0.5 })).toEqual({
      state: 'running',
      percent: 50,
      checked: 42,
      text: 'Vérification en cours : 42 enregistrements vérifiés jusqu’ici.',
    });
    expect(verifyStatusJson('en', { state: 'idle' })).toEqual({ state: 'idle', percent: 0, checked: 0, text: '' });
  });
});
