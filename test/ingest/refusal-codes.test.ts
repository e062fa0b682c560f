import { describe, expect, test } from 'vitest';
import { signNotice } from '../../libs/client/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { DEFAULT_FRESHNESS, DEFAULT_INGEST_LIMITS, verifySubmission, type VerifyContext } from '../../libs/ingest/index.js';
import { timestampFromDate } from '../../libs/proto/index.js';
import { MutableRegistry } from '../../libs/registry/index.js';
import { generateSigningKeyPair, signingKeyFromJwk, VerificationKeyCache } from '../../libs/signing/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

/** A registry holding it-police and its key, and a key cache that fails as told. */
async function setUp(keyFailure?: AccordError) {
  const pair = await generateSigningKeyPair();
  const registry = new MutableRegistry();
  registry.putAgency({ id: 'it-police', country: 'IT', role: 'police', groups: ['med'], kids: [pair.publicJwk.kid], registeredAt: '' });
  registry.putKey({ kid: pair.publicJwk.kid, agency: 'it-police', jwk: pair.publicJwk, status: 'active', addedAt: '2026-01-01T00:00:00Z' });
  const cache = new VerificationKeyCache();
  const keys = keyFailure ? ({ get: () => Promise.reject(keyFailure) } as unknown as VerificationKeyCache) : cache;
  const ctx: VerifyContext = { registry, keys, limits: DEFAULT_INGEST_LIMITS, freshness: DEFAULT_FRESHNESS };
  const submission = await signNotice(sampleNotice('it-police'), await signingKeyFromJwk(pair.privateJwk, 'it-police'));
  return { ctx, submission };
}

describe("only the contract's reason codes reach a quarantine record", () => {
  test('a check failing with a code outside the contract refuses the submission as E_PROCESSING_FAILED, the code kept for the log', async () => {
    const { ctx, submission } = await setUp(new AccordError('E_STATE', 'the key store is in a state no one expected'));
    const outcome = await verifySubmission(submission, 'it-police', timestampFromDate(new Date()), ctx);
    expect(outcome).toMatchObject({ ok: false, code: 'E_PROCESSING_FAILED', message: expect.stringContaining('E_STATE') });
  });

  test('a retryable failure is no refusal: it is thrown, for the submission to be tried again', async () => {
    const { ctx, submission } = await setUp(new AccordError('E_UNAVAILABLE', 'the key store did not answer', { retryable: true }));
    await expect(verifySubmission(submission, 'it-police', timestampFromDate(new Date()), ctx)).rejects.toMatchObject({
      code: 'E_UNAVAILABLE',
    });
  });

  test('a contract code stays itself', async () => {
    const { ctx } = await setUp();
    const outcome = await verifySubmission(new Uint8Array([1, 2, 3]), 'it-police', timestampFromDate(new Date()), ctx);
    expect(outcome).toMatchObject({ ok: false, code: 'E_DECODE' });
  });

  test('a sound submission passes', async () => {
    const { ctx, submission } = await setUp();
    expect(await verifySubmission(submission, 'it-police', timestampFromDate(new Date()), ctx)).toMatchObject({ ok: true });
  });
});
