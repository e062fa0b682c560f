import type { JetStreamManager } from '@nats-io/jetstream';
import { describe, expect, test } from 'vitest';
import { registryKeys, verifySignedView } from '../../libs/client/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { busSigned, deliveredView, parties } from '../harness/view-fixture.js';

/**
 * The keys bucket as registryKeys reads it (direct gets), answering from `answers` in
 * turn: a stored key, null for none, or an error; it counts the gets. A unit test of the
 * cache's rules: the real bucket is read by the node and inbox tests.
 */
function keysBucket(answers: (object | null | Error)[]): { jsm: JetStreamManager; gets: () => number } {
  let gets = 0;
  const direct = {
    getMessage: async () => {
      const answer = answers[Math.min(gets++, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return answer === null || answer === undefined ? null : { json: () => answer };
    },
  };
  return { jsm: { direct } as unknown as JetStreamManager, gets: () => gets };
}

async function storedKey(): Promise<object> {
  const p = await parties();
  return { kid: p.originatorJwk.kid, agency: 'it-police', jwk: p.originatorJwk, status: 'active', addedAt: '2026-12-01T00:00:00Z' };
}

describe("originators' keys from the registry", () => {
  test('a key found is read once and kept', async () => {
    const bucket = keysBucket([await storedKey()]);
    const keys = registryKeys(bucket.jsm);
    expect(await keys('kid-1')).toBeDefined();
    expect(await keys('kid-1')).toBeDefined();
    expect(bucket.gets()).toBe(1);
  });

  test('a kid not found is asked again the next time, and found once it is there', async () => {
    const bucket = keysBucket([null, await storedKey()]);
    const keys = registryKeys(bucket.jsm);
    expect(await keys('kid-1')).toBeUndefined();
    expect(await keys('kid-1')).toBeDefined();
    expect(bucket.gets()).toBe(2);
  });

  test('a registry that does not answer is E_UNAVAILABLE, retryable, and not remembered', async () => {
    const bucket = keysBucket([new Error('timeout'), await storedKey()]);
    const keys = registryKeys(bucket.jsm);
    await expect(keys('kid-1')).rejects.toMatchObject({ code: 'E_UNAVAILABLE', retryable: true });
    expect(await keys('kid-1')).toBeDefined();
  });

  test('a view whose originator key cannot be read now is not called invalid: the error says to try again', async () => {
    const p = await parties();
    const bytes = await busSigned(p, await deliveredView(p, sampleNotice('it-police'), ['summary']));
    const unavailable = async (): Promise<undefined> => {
      throw new AccordError('E_UNAVAILABLE', 'the registry did not answer', { retryable: true });
    };
    await expect(verifySignedView(bytes, p.busKey, 'ly-coastguard', unavailable)).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    await expect(verifySignedView(bytes, p.busKey, 'ly-coastguard', async () => undefined)).rejects.toMatchObject({
      code: 'E_VIEW_INVALID',
    });
  });
});
