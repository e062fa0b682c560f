import { describe, expect, test } from 'vitest';
import { ChainVerifier, chainEvents, EMPTY_CHAIN, sha256 } from '../../libs/audit/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';

function chainOf(count: number): v1.ChainedRecord.$Properties[] {
  const events = Array.from({ length: count }, (_, i) => ({ eventId: `e${i}`, kind: v1.AuditKind.SERVICE, action: 'test' }));
  return chainEvents(EMPTY_CHAIN, events, timestampFromDate(new Date())).records;
}

function verify(records: v1.ChainedRecord.$Properties[]) {
  const verifier = new ChainVerifier();
  for (const r of records) verifier.push(r);
  return verifier.result;
}

function rewrite(record: v1.ChainedRecord.$Properties, change: (r: v1.AuditRecord) => void, rehash: boolean): v1.ChainedRecord.$Properties {
  const decoded = v1.AuditRecord.decode(record.body ?? new Uint8Array());
  change(decoded);
  const body = v1.AuditRecord.encode(decoded).finish();
  return { body, hash: rehash ? sha256(body) : (record.hash ?? new Uint8Array()) };
}

describe('the hash chain verifier', () => {
  test('an intact chain verifies', () => {
    expect(verify(chainOf(5))).toBeUndefined();
  });

  test('a changed field is caught at its own index', () => {
    const records = chainOf(5);
    records[2] = rewrite(records[2] ?? {}, (r) => void (r.event = { ...r.event, action: 'forged' }), false);
    expect(verify(records)?.index).toBe(2);
  });

  test('a changed record whose hash was recomputed is caught at the next index', () => {
    const records = chainOf(5);
    records[2] = rewrite(records[2] ?? {}, (r) => void (r.event = { ...r.event, action: 'forged' }), true);
    expect(verify(records)?.index).toBe(3);
  });

  test('a removed record is caught where the gap is', () => {
    const records = chainOf(5);
    records.splice(1, 1);
    expect(verify(records)?.index).toBe(1);
  });

  test('two swapped records are caught at the first of them', () => {
    const records = chainOf(5);
    [records[1], records[2]] = [records[2] ?? {}, records[1] ?? {}];
    expect(verify(records)?.index).toBe(1);
  });

  test('an appended record with a wrong previous-hash is caught at its index', () => {
    const records = chainOf(3);
    const stray = chainEvents(
      { nextIndex: 3, lastHash: new Uint8Array(32).fill(7) },
      [{ eventId: 'x' }],
      timestampFromDate(new Date()),
    ).records;
    expect(verify([...records, ...stray])?.index).toBe(3);
  });
});
