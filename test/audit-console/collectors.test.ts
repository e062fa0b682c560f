import { beforeAll, describe, expect, test } from 'vitest';
import { ChartsCollector, OverviewCollector, parseRecordsQuery, RecordsCollector, TrailCollector } from '../../libs/audit-console/index.js';
import { checkpointSignatureValid, openSignedCheckpoint, type SealedProofLine } from '../../libs/audit/index.js';
import { verifyInclusion } from '../../libs/merkle/index.js';
import { v1 } from '../../libs/proto/index.js';
import { auditFixture, CHECKPOINT_INDEX, collect, NOTICE, type AuditFixture } from './audit-fixture.js';

let fx: AuditFixture;
beforeAll(async () => {
  fx = await auditFixture();
});

const records = (query: Record<string, string>, pageSize?: number) =>
  collect(new RecordsCollector(parseRecordsQuery(query), pageSize), fx.records).model();

describe('the records list', () => {
  test('without filters: every record, in chain order, each with its index, kind, agency, notice and hash prefix', () => {
    const model = records({});
    expect(model.matched).toBe(12);
    expect(model.height).toBe(12);
    expect(model.rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(model.rows[3]).toMatchObject({ kind: 'ACCEPTED', agency: 'it-police', noticeId: NOTICE, time: '2026-11-29T08:00:00.000Z' });
    expect(model.rows[2]?.hashPrefix).toBe(
      Buffer.from(fx.records[2]?.hash ?? [])
        .toString('hex')
        .slice(0, 16),
    );
  });

  test('by notice: the records naming the notice, as audit replay --notice', () => {
    expect(records({ notice: NOTICE }).rows.map((r) => r.kind)).toEqual(['ACCEPTED', 'ROUTED', 'VIEW', 'DELIVERED', 'RECEIPT']);
  });

  test('by agency: the records it acts in and those it receives, as audit replay --agency', () => {
    expect(records({ agency: 'ly-coastguard' }).rows.map((r) => r.kind)).toEqual(['ROUTED', 'VIEW', 'DELIVERED', 'RECEIPT']);
  });

  test('by kind, and by time: since included, until excluded', () => {
    expect(records({ kind: 'QUARANTINED' }).matched).toBe(3);
    const window = records({ since: '2026-11-29T09:00:00Z', until: '2026-11-29T11:00:00Z' });
    expect(window.rows.map((r) => r.index)).toEqual([7, 8]);
  });

  test('a page holds at most the page size; the rest are counted', () => {
    const second = records({ page: '2' }, 5);
    expect(second.rows.map((r) => r.index)).toEqual([5, 6, 7, 8, 9]);
    expect(second.matched).toBe(12);
    expect(records({ page: '4' }, 5).rows).toEqual([]);
  });

  test('filters that are not valid show no record at all, rather than more than asked for', () => {
    const model = records({ agency: 'IT POLICE', kind: 'VIEW' });
    expect(model.invalid).toEqual(['agency']);
    expect(model.rows).toEqual([]);
    expect(model.typed.agency).toBe('IT POLICE');
  });
});

describe('the overview', () => {
  test('the height and the last checkpoint: index, records sealed, time, root prefix, signature by the audit key', async () => {
    const model = await collect(new OverviewCollector(), fx.records).model(fx.auditKey, fx.auditPublicKey.kid);
    expect(model.height).toBe(12);
    const record = v1.AuditRecord.decode(fx.records[CHECKPOINT_INDEX]?.body ?? new Uint8Array());
    const checkpoint = openSignedCheckpoint(record.event?.checkpoint ?? new Uint8Array());
    expect(model.checkpoint).toEqual({
      index: CHECKPOINT_INDEX,
      treeSize: 10,
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      rootPrefix: Buffer.from(checkpoint.checkpoint.rootHash).toString('hex').slice(0, 16),
      signatureValid: true,
    });
  });

  test('a checkpoint not signed by the audit key shows as such', async () => {
    const model = await collect(new OverviewCollector(), fx.records).model(fx.otherKey, 'other');
    expect(model.checkpoint?.signatureValid).toBe(false);
  });

  test('a chain without a checkpoint has none to show', async () => {
    const model = await collect(new OverviewCollector(), fx.records.slice(0, 5)).model(fx.auditKey, 'k');
    expect(model).toMatchObject({ height: 5, checkpoint: undefined });
  });
});

describe("a notice's trail", () => {
  test("its records in chain order, from its submission's RECEIVED (linked by the ingest sequence) to RECEIPT; those the checkpoint seals have a proof that verifies", () => {
    const model = collect(new TrailCollector(NOTICE), fx.records).model();
    expect(model.rows.map((r) => [r.index, r.kind, r.proof])).toEqual([
      [2, 'RECEIVED', 'verified'],
      [3, 'ACCEPTED', 'verified'],
      [4, 'ROUTED', 'verified'],
      [5, 'VIEW', 'verified'],
      [6, 'DELIVERED', 'verified'],
      [11, 'RECEIPT', 'unsealed'],
    ]);
    expect(model.checkpoint).toEqual({ index: CHECKPOINT_INDEX, treeSize: 10 });
  });

  test('its proofs, as audit proof prints them, check against the signed checkpoint', async () => {
    const lines = collect(new TrailCollector(NOTICE), fx.records).proofLines();
    expect(lines.at(-1)).toEqual({ noticeId: NOTICE, index: 11, kind: 'RECEIPT', unsealed: true });
    const sealed = lines.filter((l): l is SealedProofLine => !('unsealed' in l));
    expect(sealed).toHaveLength(5);
    for (const p of sealed) {
      expect(Object.keys(p)).toEqual([
        'noticeId',
        'index',
        'kind',
        'leafHash',
        'treeSize',
        'rootHash',
        'proof',
        'checkpointIndex',
        'signedCheckpoint',
      ]);
      const { signed, checkpoint } = openSignedCheckpoint(Buffer.from(p.signedCheckpoint, 'base64'));
      expect(await checkpointSignatureValid(signed, fx.auditKey)).toBe(true);
      expect(Number(checkpoint.treeSize)).toBe(p.treeSize);
      const b = (s: string) => Buffer.from(s, 'base64');
      expect(verifyInclusion(p.index, p.treeSize, b(p.leafHash), p.proof.map(b), checkpoint.rootHash)).toBe(true);
    }
  });

  test('a notice the chain does not know has an empty trail', () => {
    expect(collect(new TrailCollector('00000000-0000-4000-8000-000000000000'), fx.records).model().rows).toEqual([]);
  });
});

describe('the chart data', () => {
  test('records per day (UTC) by kind, oldest first, with only the kinds that occur', () => {
    const model = collect(new ChartsCollector(), fx.records).model();
    expect(model.days).toEqual([
      { day: '2026-11-28', counts: { SERVICE: 1, KEY: 1 }, total: 2 },
      {
        day: '2026-11-29',
        counts: { RECEIVED: 1, ACCEPTED: 1, ROUTED: 1, VIEW: 1, DELIVERED: 1, QUARANTINED: 3, CHECKPOINT: 1 },
        total: 9,
      },
      { day: '2026-11-30', counts: { RECEIPT: 1 }, total: 1 },
    ]);
    expect(model.kinds).toEqual([
      'RECEIVED',
      'QUARANTINED',
      'ACCEPTED',
      'ROUTED',
      'VIEW',
      'DELIVERED',
      'RECEIPT',
      'KEY',
      'SERVICE',
      'CHECKPOINT',
    ]);
  });

  test('quarantines by reason code, most first', () => {
    expect(collect(new ChartsCollector(), fx.records).model().quarantines).toEqual([
      { code: 'E_SIGNATURE_INVALID', count: 2 },
      { code: 'E_SCHEMA', count: 1 },
    ]);
  });

  test('only the last days are shown, however long the chain; the count of days is kept', () => {
    const model = collect(new ChartsCollector(2), fx.records).model();
    expect(model.days.map((d) => d.day)).toEqual(['2026-11-29', '2026-11-30']);
    expect(model.totalDays).toBe(3);
    expect(model.kinds).not.toContain('SERVICE');
  });
});
