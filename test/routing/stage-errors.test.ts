import type { NoticeRegister } from '../../libs/bus/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MicroBatcher } from '../../libs/batching/index.js';
import { discloseNotice } from '../../libs/disclosure/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { unverifiedNoticeId } from '../../libs/ingest/index.js';
import { createLogger } from '../../libs/log/index.js';
import { compilePolicyText } from '../../libs/policy/index.js';
import { v1 } from '../../libs/proto/index.js';
import { MutableRegistry, type Agency, type Role } from '../../libs/registry/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import { routeNotice } from '../../services/routing/route-notice.js';
import { stageFailure, stageReply } from '../../services/shared/stage-reply.js';
import { sampleNotice } from '../harness/sample-notice.js';

const failed = (reason: unknown) => stageReply({ status: 'rejected', reason });

describe('what a stage answers for a notice it failed', () => {
  test('an AccordError goes back with its own code and retryable flag', () => {
    expect(failed(new AccordError('E_UNAVAILABLE', 'the broker did not answer', { retryable: true })).error).toEqual({
      code: 'E_UNAVAILABLE',
      message: 'the broker did not answer',
      retryable: true,
    });
    expect(failed(new AccordError('E_UNKNOWN_AGENCY', 'gone')).error).toMatchObject({ code: 'E_UNKNOWN_AGENCY', retryable: false });
  });

  test('any other error is a bug: E_PROCESSING_FAILED, not retryable, its message kept', () => {
    expect(failed(new TypeError('x is undefined')).error).toEqual({
      code: 'E_PROCESSING_FAILED',
      message: 'x is undefined',
      retryable: false,
    });
  });
});

describe('how a caller reads a stage that failed', () => {
  test('retryable as the stage said, a contract code kept as it is', () => {
    const error = stageFailure('routing', { code: 'E_UNKNOWN_AGENCY', message: 'gone', retryable: false });
    expect(error).toMatchObject({ code: 'E_UNKNOWN_AGENCY', message: 'routing: gone', retryable: false });
    expect(stageFailure('routing', { code: 'E_UNAVAILABLE', message: 'timeout', retryable: true }).retryable).toBe(true);
  });

  test('a reply without the flag is not retryable', () => {
    expect(stageFailure('redaction', { code: 'E_STATE', message: 'odd' }).retryable).toBe(false);
  });

  test('a code outside the contract becomes E_PROCESSING_FAILED, the stage code kept in the message', () => {
    expect(stageFailure('redaction', { code: 'E_STATE', message: 'a grant names no recipient' })).toMatchObject({
      code: 'E_PROCESSING_FAILED',
      message: 'redaction: E_STATE: a grant names no recipient',
    });
  });
});

describe('routing passes on what redaction says', () => {
  const policyFile = join(packageRoot(), 'policies', 'default.yaml');
  const policy = compilePolicyText(readFileSync(policyFile, 'utf8'), policyFile, 1);
  const agency = (id: string, country: string, role: Role): Agency => ({ id, country, role, groups: ['med'], kids: [], registeredAt: '' });
  const log = createLogger('routing');
  const disclosed = discloseNotice(sampleNotice('it-police'));
  const accepted = v1.AcceptedNotice.create({ manifest: disclosed.manifest, disclosures: disclosed.disclosures });

  /** A registry with the issuer (unless told otherwise) and one recipient on the notice's route. */
  function registry(withIssuer = true): MutableRegistry {
    const r = new MutableRegistry();
    if (withIssuer) r.putAgency(agency('it-police', 'IT', 'police'));
    r.putAgency(agency('ly-coastguard', 'LY', 'coastguard'));
    return r;
  }

  /** The notice register as routing reads it: these notices relate to nothing. */
  const noRegister: NoticeRegister = { read: () => Promise.resolve(undefined), change: () => Promise.resolve(undefined) };
  /** Statistics records go nowhere: these tests are about redaction's failures. */
  const noStatistics = (): Promise<void> => Promise.resolve();

  /** A redaction stand-in answering every request with `reply`, counting the requests. */
  function redaction(reply: v1.StageReply.$Properties) {
    const asked = { count: 0 };
    const batcher = new MicroBatcher<v1.RedactRequest.$Properties, v1.StageReply>(async (items) => {
      asked.count += items.length;
      return items.map(() => v1.StageReply.create(reply));
    }, 8);
    return { batcher, asked };
  }

  test('an issuer deregistered since ingest accepted the notice: E_UNKNOWN_AGENCY, not retryable, redaction never asked', async () => {
    const { batcher, asked } = redaction({ events: [] });
    await expect(routeNotice(noStatistics, batcher, noRegister, registry(false), policy, accepted, log)).rejects.toMatchObject({
      code: 'E_UNKNOWN_AGENCY',
      retryable: false,
    });
    expect(asked.count).toBe(0);
  });

  test.each([true, false])("redaction's retryable flag (%s) is passed on as it is", async (retryable) => {
    const { batcher } = redaction({ error: { code: 'E_UNAVAILABLE', message: 'storing the views', retryable } });
    await expect(routeNotice(noStatistics, batcher, noRegister, registry(), policy, accepted, log)).rejects.toMatchObject({ retryable });
  });

  test("redaction's contract code is passed on as it is", async () => {
    const { batcher } = redaction({ error: { code: 'E_DECODE', message: 'the manifest does not decode' } });
    await expect(routeNotice(noStatistics, batcher, noRegister, registry(), policy, accepted, log)).rejects.toMatchObject({
      code: 'E_DECODE',
      retryable: false,
    });
  });
});

describe('the notice id ingest looks its earlier attempts up by', () => {
  test('is read from a submission without verifying it, and is absent from bytes that do not decode', () => {
    const notice = sampleNotice('it-police');
    const { manifest, disclosures } = discloseNotice(notice);
    const submission = v1.SignedNotice.encode({ format: 2, jws: 'not checked', manifest, disclosures }).finish();
    expect(unverifiedNoticeId(submission)).toBe(notice.noticeId);
    expect(unverifiedNoticeId(new Uint8Array([0xff, 0xff, 0xff]))).toBeUndefined();
  });
});
