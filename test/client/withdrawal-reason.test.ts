import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { keptVersions, reasonNamesPerson, SentStore, signNotice } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { parties } from '../harness/view-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-withdrawal-reason-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An agency's kept copies: a notice, and its update naming a second smuggler. */
async function keptPair() {
  const p = await parties();
  const sent = new SentStore(join(dir, String(Math.random())));
  const first = sampleNotice('it-police');
  const second = sampleNotice('it-police', {
    persons: [{ role: v1.PersonRole.FACILITATOR, fullName: 'Tarek Mansour', nationality: 'LY' }],
    relations: [{ kind: v1.RelationKind.UPDATE, noticeId: first.noticeId ?? '' }],
  });
  sent.keep(first.noticeId ?? '', await signNotice(first, p.originator));
  sent.keep(second.noticeId ?? '', await signNotice(second, p.originator));
  return { sent, first: first.noticeId ?? '', second: second.noticeId ?? '' };
}

describe("a withdrawal's reason, checked by the issuer against what it kept", () => {
  test('every kept version is found through the UPDATE relations, latest first', async () => {
    const { sent, first, second } = await keptPair();
    expect(keptVersions(sent, second).map((n) => n.noticeId)).toEqual([second, first]);
  });

  test('a reason naming a person of an earlier version is caught, by path, not by value', async () => {
    const { sent, first, second } = await keptPair();
    expect(reasonNamesPerson('Named Haddad wrongly as the skipper.', keptVersions(sent, second))).toEqual({
      noticeId: first,
      path: 'persons[0].fullName',
    });
  });

  test('a name written in another script is caught', async () => {
    const { sent, second } = await keptPair();
    expect(reasonNamesPerson('الاسم منصور خطأ', keptVersions(sent, second))?.path).toBe('persons[0].fullName');
  });

  test('a reason naming no one passes', async () => {
    const { sent, second } = await keptPair();
    expect(reasonNamesPerson('The boat was not the one reported.', keptVersions(sent, second))).toBeUndefined();
  });

  test('with no kept copy there is nothing to check against', () => {
    expect(keptVersions(new SentStore(join(dir, 'empty')), '5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11')).toEqual([]);
  });
});
