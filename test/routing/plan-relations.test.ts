import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { planRelations, type RegisterChange } from '../../libs/routing/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const { REPLY, UPDATE, WITHDRAWAL } = v1.RelationKind;

// it-police's notice v1 went to ly-coastguard and gr-coastguard; v2 (its update) to ly-coastguard alone.
const v1Id = randomUUID();
const v2Id = randomUUID();
const version1: v1.NoticeRecord.$Properties = {
  noticeId: v1Id,
  issuingAgency: 'it-police',
  deliveries: [
    { agency: 'ly-coastguard', deliverySeq: 10 },
    { agency: 'gr-coastguard', deliverySeq: 11 },
  ],
  supersededBy: v2Id,
};
const version2: v1.NoticeRecord.$Properties = {
  noticeId: v2Id,
  issuingAgency: 'it-police',
  deliveries: [{ agency: 'ly-coastguard', deliverySeq: 20 }],
  supersedes: v1Id,
};
const thread = [version1, version2];

function noticeWith(kind: v1.RelationKind, noticeId: string, overrides: Partial<CaseNoticeProps> = {}): v1.CaseNotice {
  return v1.CaseNotice.create(
    sampleNotice('it-police', { relations: [{ kind, noticeId, withdrawalCode: kind === WITHDRAWAL ? 6 : 0 }], ...overrides }),
  );
}

describe('a relation is shown', () => {
  const reply = v1.CaseNotice.create(sampleNotice('ly-coastguard', { relations: [{ kind: REPLY, noticeId: v2Id }] }));
  const plan = planRelations(reply, ['it-police', 'ly-coastguard', 'tn-border'], new Map([[v2Id, version2]]), []);

  test('to the issuer of the notice it names', () => {
    expect(plan.relatedFor('it-police')).toEqual([v2Id]);
  });

  test('to a recipient of the notice it names', () => {
    expect(plan.relatedFor('ly-coastguard')).toEqual([v2Id]);
  });

  test('to no other recipient', () => {
    expect(plan.relatedFor('tn-border')).toEqual([]);
  });

  test('to no one when the bus no longer knows the notice it names', () => {
    expect(planRelations(reply, ['it-police'], new Map(), []).relatedFor('it-police')).toEqual([]);
  });

  test('and a reply gets no tombstones, and erases nothing', () => {
    expect([plan.deliversContent, plan.tombstones, plan.erasures]).toEqual([true, [], []]);
  });
});

describe('an update', () => {
  const v3 = noticeWith(UPDATE, v2Id);

  test('gives a tombstone, naming the versions it received, to each earlier recipient the policy does not deliver it to', () => {
    expect(planRelations(v3, ['ly-coastguard'], new Map([[v2Id, version2]]), thread).tombstones).toEqual([
      { recipient: 'gr-coastguard', noticeIds: [v1Id] },
    ]);
  });

  test('gives none to an earlier recipient it is delivered to', () => {
    const plan = planRelations(v3, ['ly-coastguard', 'gr-coastguard'], new Map([[v2Id, version2]]), thread);
    expect(plan.tombstones).toEqual([]);
  });

  const delivery = { agency: 'ly-coastguard', deliverySeq: 30, categories: ['core', 'summary'], ruleIds: ['summary-on-route'] };
  const digest = new Uint8Array(32).fill(7);

  test('claims the version it names before anything is delivered', () => {
    const plan = planRelations(v3, ['ly-coastguard'], new Map([[v2Id, version2]]), thread);
    expect(plan.claim?.noticeId).toBe(v2Id);
    expect(plan.claim?.change(v1.NoticeRecord.create(version2))).toMatchObject({ supersededBy: v3.noticeId });
  });

  test('is recorded as superseding the version it names, with its deliveries and its manifest digest', () => {
    const stored = applied(planRelations(v3, ['ly-coastguard'], new Map([[v2Id, version2]]), thread).changes([delivery], digest));
    expect(stored.get(v3.noticeId)).toMatchObject({ supersedes: v2Id, deliveries: [delivery], manifestDigest: digest });
  });
});

/** The register after the changes, from the records of the thread. */
function applied(changes: RegisterChange[]): Map<string, v1.NoticeRecord.$Properties> {
  const stored = new Map<string, v1.NoticeRecord.$Properties>(thread.map((r) => [r.noticeId ?? '', r]));
  for (const { noticeId, change } of changes) {
    const current = stored.get(noticeId);
    const next = change(current ? v1.NoticeRecord.create(current) : undefined);
    if (next) stored.set(noticeId, next);
  }
  return stored;
}

describe('a withdrawal', () => {
  const withdrawal = noticeWith(WITHDRAWAL, v2Id, { persons: [], conveyances: [], financial: [], locations: [] });
  const plan = planRelations(withdrawal, ['ly-coastguard', 'mt-police'], new Map([[v2Id, version2]]), thread);

  test('delivers its content to no one, whatever the policy decided', () => {
    expect(plan.deliversContent).toBe(false);
  });

  test('gives every earlier recipient a tombstone naming every version it received, and no one else', () => {
    expect(plan.tombstones).toEqual([
      { recipient: 'gr-coastguard', noticeIds: [v1Id] },
      { recipient: 'ly-coastguard', noticeIds: [v1Id, v2Id] },
    ]);
  });

  test('erases every view of every version', () => {
    expect(plan.erasures).toEqual([
      { noticeId: v1Id, recipient: 'ly-coastguard', deliverySeq: 10 },
      { noticeId: v1Id, recipient: 'gr-coastguard', deliverySeq: 11 },
      { noticeId: v2Id, recipient: 'ly-coastguard', deliverySeq: 20 },
    ]);
  });

  test('is recorded on every version, and on itself: nothing may relate to a withdrawal', () => {
    const stored = applied(plan.changes([], new Uint8Array(32)));
    expect([v1Id, v2Id, withdrawal.noticeId].map((id) => stored.get(id)?.withdrawnBy)).toEqual([
      withdrawal.noticeId,
      withdrawal.noticeId,
      withdrawal.noticeId,
    ]);
    expect(stored.get(withdrawal.noticeId)?.deliveries).toEqual([]);
  });
});
