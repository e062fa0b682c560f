import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { bodyDigest, newViewKey, openNodeDatabase, SubmissionStore, takeSubmission, ViewCipher } from '../../libs/node/index.js';
import { messageToJson, v1 } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const AGENCY = 'pt-police';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store(): SubmissionStore {
  const dir = mkdtempSync(join(tmpdir(), 'accord-take-submission-'));
  dirs.push(dir);
  return new SubmissionStore(openNodeDatabase(join(dir, 'node.db')), new ViewCipher(newViewKey()));
}

const sign = async (notice: v1.CaseNotice): Promise<Uint8Array> => v1.CaseNotice.encode(notice).finish();
const request = (body: Record<string, unknown>, idempotencyKey?: string) => ({
  body,
  agency: AGENCY,
  submittedBy: 'token:case-system',
  now: new Date('2026-12-02T09:00:00.000Z'),
  ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
});
const body = (): Record<string, unknown> => messageToJson('accord.v1.CaseNotice', sampleNotice(AGENCY));

describe('taking a submission', () => {
  test('a retry with the same noticeId and body is the earlier submission; nothing is signed again', async () => {
    const s = store();
    const b = body();
    const first = await takeSubmission(s, request(b), sign);
    const again = await takeSubmission(s, request({ ...b }), () => Promise.reject(new Error('signed twice')));
    expect(again).toEqual(first);
  });

  test('the same noticeId with another body is a conflict naming body/noticeId', async () => {
    const s = store();
    const b = body();
    await takeSubmission(s, request(b), sign);
    await expect(takeSubmission(s, request({ ...b, caseRef: 'PT-LX-2026-2' }), sign)).rejects.toMatchObject({
      code: 'E_CONFLICT',
      path: 'body/noticeId',
    });
  });

  test('without noticeId, the Idempotency-Key makes the retry the same submission, under a noticeId the node chose', async () => {
    const s = store();
    const { noticeId: _n, ...b } = body();
    const first = await takeSubmission(s, request(b, 'cms-4471'), sign);
    expect(first.noticeId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await takeSubmission(s, request({ ...b }, 'cms-4471'), sign)).toEqual(first);
    await expect(takeSubmission(s, request({ ...b, migrantCount: 3 }, 'cms-4471'), sign)).rejects.toMatchObject({
      code: 'E_CONFLICT',
      path: 'headers/idempotency-key',
    });
  });

  test('a body without noticeId and without Idempotency-Key is refused, naming the header', async () => {
    const { noticeId: _n, ...b } = body();
    await expect(takeSubmission(store(), request(b), sign)).rejects.toMatchObject({
      code: 'E_REQUEST_INVALID',
      path: 'headers/idempotency-key',
    });
  });

  test("issuingAgency and issuedAt are filled in when absent; another agency's name is refused", async () => {
    const s = store();
    const { issuingAgency: _a, issuedAt: _t, ...b } = body();
    let signed: v1.CaseNotice | undefined;
    await takeSubmission(s, request(b), async (n) => {
      signed = n;
      return sign(n);
    });
    expect(signed?.issuingAgency).toBe(AGENCY);
    expect(signed?.issuedAt).toBeDefined();
    await expect(takeSubmission(s, request({ ...body(), issuingAgency: 'es-police' }), sign)).rejects.toMatchObject({
      code: 'E_SUBJECT_MISMATCH',
      path: 'body/issuingAgency',
    });
  });

  test('the body digest ignores key order', () => {
    expect(bodyDigest({ a: 1, b: { c: 2, d: [1, { e: 3, f: 4 }] } })).toBe(bodyDigest({ b: { d: [1, { f: 4, e: 3 }], c: 2 }, a: 1 }));
    expect(bodyDigest({ a: 1 })).not.toBe(bodyDigest({ a: 2 }));
  });
});
