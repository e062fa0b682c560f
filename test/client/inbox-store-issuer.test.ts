import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { InboxStore } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';

const RECEIVED = '5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11';
const dirs: string[] = [];

function store(): InboxStore {
  const dir = mkdtempSync(join(tmpdir(), 'accord-inbox-store-'));
  dirs.push(dir);
  return new InboxStore(dir);
}

const view = (fields: v1.DeliveredView.$Properties) => ({
  view: v1.DeliveredView.create({ format: 2, recipient: 'ly-coastguard', ...fields }),
  elements: [],
});

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the issuer of a received notice, from the agency's local store", () => {
  test('is read from the stored view of that notice, whatever the case of its id', () => {
    const s = store();
    s.save(1, new Uint8Array(), view({ core: { noticeId: '0b6d3c1e-2f4a-4b5c-8d6e-7f8091a2b3c4', issuingAgency: 'mt-police' } }));
    s.save(2, new Uint8Array(), view({ core: { noticeId: RECEIVED, issuingAgency: 'it-police' } }));
    expect(s.issuerOf(RECEIVED.toUpperCase())).toBe('it-police');
  });

  test('is unknown for a notice the store does not hold, a tombstone naming it included', () => {
    const s = store();
    s.save(
      1,
      new Uint8Array(),
      view({ tombstone: { kind: v1.RelationKind.WITHDRAWAL, byNoticeId: RECEIVED, issuingAgency: 'it-police', noticeIds: [RECEIVED] } }),
    );
    expect(s.issuerOf(RECEIVED)).toBeUndefined();
  });
});
