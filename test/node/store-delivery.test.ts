/** What the node commits of each verified delivery: views with their relations, tombstones applied, events told. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { verifySignedView } from '../../libs/client/index.js';
import { EventHub, newViewKey, NodeViewStore, openNodeDatabase, ViewCipher, type NodeEvent } from '../../libs/node/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { NodeMetrics } from '../../services/node/node-metrics.js';
import { storeDelivery, type VerifiedDelivery } from '../../services/node/store-delivery.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { busSigned, deliveredView, parties, tombstoneView, type Parties } from '../harness/view-fixture.js';

const AGENCY = 'ly-coastguard';
let p: Parties;
const dirs: string[] = [];

beforeAll(async () => {
  p = await parties();
});

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function node() {
  const dir = mkdtempSync(join(tmpdir(), 'accord-store-delivery-'));
  dirs.push(dir);
  const events: NodeEvent[] = [];
  const hub = new EventHub();
  hub.subscribe((e) => events.push(e));
  const deps = {
    views: new NodeViewStore(openNodeDatabase(join(dir, 'node.db')), new ViewCipher(newViewKey())),
    events: hub,
    metrics: new NodeMetrics(AGENCY),
  };
  return { deps, events };
}

async function delivery(seq: number, signed: Uint8Array): Promise<VerifiedDelivery> {
  const verified = await verifySignedView(signed, p.busKey, AGENCY, p.originators);
  return { seq, data: signed, verified, receivedAt: new Date().toISOString() };
}

async function viewOf(seq: number, notice: CaseNoticeProps, related: string[] = []): Promise<VerifiedDelivery> {
  return delivery(seq, await busSigned(p, await deliveredView(p, notice, ['person.profile', 'smuggler.identity'], AGENCY, related)));
}

describe('a verified delivery committed by the node', () => {
  test('a view updating one the node holds is linked to it: the older is superseded, both are versions', async () => {
    const { deps } = node();
    const first = sampleNotice('it-police');
    const second = sampleNotice('it-police', { relations: [{ kind: v1.RelationKind.UPDATE, noticeId: first.noticeId ?? '' }] });
    expect(storeDelivery(deps, await viewOf(1, first))).toBe(true);
    expect(storeDelivery(deps, await viewOf(2, second, [first.noticeId ?? '']))).toBe(true);
    expect(deps.views.supersededBy(first.noticeId ?? '')).toEqual({ noticeId: second.noticeId, shared: true });
    expect(deps.views.versions(first.noticeId ?? '').map((v) => v.noticeId)).toEqual([first.noticeId, second.noticeId]);
  });

  test('a relation the bus withheld links nothing', async () => {
    const { deps } = node();
    const first = sampleNotice('it-police');
    const second = sampleNotice('it-police', { relations: [{ kind: v1.RelationKind.UPDATE, noticeId: first.noticeId ?? '' }] });
    storeDelivery(deps, await viewOf(1, first));
    storeDelivery(deps, await viewOf(2, second));
    expect(deps.views.supersededBy(first.noticeId ?? '')).toBeUndefined();
  });

  test('a withdrawal tombstone deletes the content of the views it names and is told as a tombstone event, with ids only', async () => {
    const { deps, events } = node();
    const notice = sampleNotice('it-police');
    storeDelivery(deps, await viewOf(1, notice));
    const by = randomUUID();
    const signed = await busSigned(
      p,
      tombstoneView(
        {
          kind: v1.RelationKind.WITHDRAWAL,
          byNoticeId: by,
          noticeIds: [notice.noticeId ?? ''],
          withdrawalCode: v1.WithdrawalCode.SOURCE_AT_RISK,
          reason: 'A witness would be exposed.',
        },
        AGENCY,
      ),
    );
    expect(storeDelivery(deps, await delivery(2, signed))).toBe(true);
    expect(deps.views.latest(notice.noticeId ?? '')).toBeUndefined();
    expect(deps.views.withdrawal(notice.noticeId ?? '')?.tombstone).toMatchObject({ withdrawalCode: 'SOURCE_AT_RISK', byNoticeId: by });
    expect(events.at(-1)).toEqual({
      type: 'tombstone',
      kind: 'WITHDRAWAL',
      byNoticeId: by,
      noticeIds: [notice.noticeId],
      deliverySeq: 2,
      receivedAt: expect.any(String),
    });
    expect(JSON.stringify(events)).not.toContain('witness would');
  });

  test('a delivery committed twice is stored and told once', async () => {
    const { deps, events } = node();
    const d = await viewOf(1, sampleNotice('it-police'));
    expect(storeDelivery(deps, d)).toBe(true);
    expect(storeDelivery(deps, d)).toBe(false);
    expect(events.filter((e) => e.type === 'view')).toHaveLength(1);
  });
});
