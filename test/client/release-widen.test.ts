import { describe, expect, test } from 'vitest';
import { buildRelease, pendingRequest, releaseDaysMs, signNotice, WIDENABLE_CATEGORIES } from '../../libs/client/index.js';
import { dateFromTimestamp, timestampFromDate, v1 } from '../../libs/proto/index.js';
import {
  generateSigningKeyPair,
  inspectDetached,
  RELEASE_TYP,
  signingKeyFromJwk,
  verificationKeyFromJwk,
  verifyDetached,
  type SigningKey,
} from '../../libs/signing/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const NOTICE = '5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11';
const REQUEST = '0b6e2f4a-3c1d-4e5f-8a9b-7c6d5e4f3a2b';
const NOW = new Date('2026-12-03T10:00:00Z');

function record(overrides: Partial<v1.WidenRecord.$Properties> = {}): v1.WidenRecord {
  return v1.WidenRecord.create({
    requestId: REQUEST,
    noticeId: NOTICE,
    requester: 'ly-coastguard',
    issuer: 'it-police',
    categories: ['smuggler.identity', 'financial'],
    reason: 'The same skipper is in our case.',
    status: v1.WidenStatus.PENDING,
    requestedAt: timestampFromDate(NOW),
    ...overrides,
  });
}

async function issuerKey(): Promise<{ key: SigningKey; verify: Awaited<ReturnType<typeof verificationKeyFromJwk>> }> {
  const { privateJwk, publicJwk } = await generateSigningKeyPair();
  return { key: await signingKeyFromJwk(privateJwk, 'it-police'), verify: await verificationKeyFromJwk(publicJwk) };
}

const kept = (key: SigningKey, overrides: Parameters<typeof sampleNotice>[1] = {}) =>
  signNotice(sampleNotice('it-police', { noticeId: NOTICE, ...overrides }), key);

describe("the issuer's release of a request to widen", () => {
  test("releases exactly the request's notice and categories to its requester, until now + the expiry", async () => {
    const { key } = await issuerKey();
    const submission = await buildRelease({
      record: record(),
      signedNotice: await kept(key),
      key,
      now: NOW,
      expiresInMs: releaseDaysMs(3),
    });
    const release = v1.Release.decode(submission.release ?? new Uint8Array());
    expect(release.requestId).toBe(REQUEST);
    expect(release.noticeId).toBe(NOTICE);
    expect(release.recipient).toBe('ly-coastguard');
    expect(release.categories).toEqual(['smuggler.identity', 'financial']);
    expect(dateFromTimestamp(release.expiresAt)).toEqual(new Date('2026-12-06T10:00:00Z'));
  });

  test("is signed with the issuer's key over the release bytes, typ accord-release+jws", async () => {
    const { key, verify } = await issuerKey();
    const submission = await buildRelease({
      record: record(),
      signedNotice: await kept(key),
      key,
      now: NOW,
      expiresInMs: releaseDaysMs(7),
    });
    const header = inspectDetached(submission.releaseJws ?? '', RELEASE_TYP);
    expect(header.kid).toBe(key.kid);
    await expect(verifyDetached(header, submission.release ?? new Uint8Array(), verify)).resolves.toBeUndefined();
  });

  test('carries the kept notice byte for byte', async () => {
    const { key } = await issuerKey();
    const signedNotice = await kept(key);
    const submission = await buildRelease({ record: record(), signedNotice, key, now: NOW, expiresInMs: releaseDaysMs(7) });
    expect(submission.signedNotice).toBe(signedNotice);
  });

  test('a kept copy of another notice is E_RELEASE_MISMATCH, and nothing is signed', async () => {
    const { key } = await issuerKey();
    const other = await kept(key, { noticeId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' });
    await expect(
      buildRelease({ record: record(), signedNotice: other, key, now: NOW, expiresInMs: releaseDaysMs(7) }),
    ).rejects.toMatchObject({
      code: 'E_RELEASE_MISMATCH',
    });
  });

  test("a kept copy of another agency's notice, or bytes that are no signed notice, is E_RELEASE_MISMATCH", async () => {
    const { key } = await issuerKey();
    const foreign = await signNotice(sampleNotice('mt-police', { noticeId: NOTICE }), key);
    for (const signedNotice of [foreign, new Uint8Array([1, 2, 3])]) {
      await expect(buildRelease({ record: record(), signedNotice, key, now: NOW, expiresInMs: releaseDaysMs(7) })).rejects.toMatchObject({
        code: 'E_RELEASE_MISMATCH',
      });
    }
  });

  test('lasts more than nothing and at most 30 days', async () => {
    const { key } = await issuerKey();
    const signedNotice = await kept(key);
    for (const expiresInMs of [0, releaseDaysMs(30) + 1]) {
      await expect(buildRelease({ record: record(), signedNotice, key, now: NOW, expiresInMs })).rejects.toMatchObject({
        code: 'E_WIDEN_INVALID',
      });
    }
    await expect(buildRelease({ record: record(), signedNotice, key, now: NOW, expiresInMs: releaseDaysMs(30) })).resolves.toBeDefined();
  });
});

describe('the request a release answers', () => {
  test('is the pending one of that id addressed to the agency', () => {
    const other = record({ requestId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' });
    expect(pendingRequest([other, record()], REQUEST.toUpperCase(), 'it-police').requestId).toBe(REQUEST);
  });

  test('one not in the list is E_NOT_FOUND', () => {
    expect(() => pendingRequest([], REQUEST, 'it-police')).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
  });

  test("the agency's own request (addressed to another issuer) is E_FORBIDDEN, naming the issuer", () => {
    expect(() => pendingRequest([record()], REQUEST, 'ly-coastguard')).toThrow(
      expect.objectContaining({ code: 'E_FORBIDDEN', message: expect.stringContaining('addressed to it-police') }),
    );
  });

  test('one released or refused already is E_CONFLICT, saying which', () => {
    const decided = record({ status: v1.WidenStatus.REFUSED, decidedAt: timestampFromDate(NOW) });
    expect(() => pendingRequest([decided], REQUEST, 'it-police')).toThrow(
      expect.objectContaining({ code: 'E_CONFLICT', message: expect.stringContaining('REFUSED at 2026-12-03T10:00:00Z') }),
    );
  });
});

describe('what may be asked for', () => {
  test('every field category but core', () => {
    expect(WIDENABLE_CATEGORIES).not.toContain('core');
    expect(WIDENABLE_CATEGORIES).toContain('smuggler.identity');
    expect(WIDENABLE_CATEGORIES).toContain('location.precise');
  });
});
