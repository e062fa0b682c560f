import { describe, expect, test } from 'vitest';
import { readableView, signNotice, verifySignedView } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { busSigned, deliveredView, parties } from '../harness/view-fixture.js';

const { NO_ONWARD_SHARING, NOT_FOR_COURT_WITHOUT_CONSENT, CONSENT_BEFORE_ACTION } = v1.HandlingCode;

describe("handling codes are part of the originator's signed core", () => {
  const handling = [NO_ONWARD_SHARING, NOT_FOR_COURT_WITHOUT_CONSENT];

  test('every recipient gets them, whatever it was granted, and reads each with its meaning', async () => {
    const p = await parties();
    const view = await deliveredView(p, sampleNotice('it-police', { handling }), []);
    expect(view.grantedCategories).toEqual(['core']);
    const verified = await verifySignedView(await busSigned(p, view), p.busKey, 'ly-coastguard', p.originators);
    expect(verified.view.core?.handling).toEqual(handling);
    const readable = readableView(verified);
    expect((readable.core as Record<string, unknown>).handling).toEqual(['NO_ONWARD_SHARING', 'NOT_FOR_COURT_WITHOUT_CONSENT']);
    expect(readable.handling).toEqual([
      { code: 'NO_ONWARD_SHARING', meaning: expect.stringMatching(/^Do not pass this notice/) },
      { code: 'NOT_FOR_COURT_WITHOUT_CONSENT', meaning: expect.stringMatching(/evidence in court/) },
    ]);
  });

  test.each([
    ['dropped by the bus', []],
    ['one removed', [NOT_FOR_COURT_WITHOUT_CONSENT]],
    ['one added', [...handling, CONSENT_BEFORE_ACTION]],
  ])('codes %s are refused: the view core is not the signed one', async (_what, forged) => {
    const p = await parties();
    const view = await deliveredView(p, sampleNotice('it-police', { handling }), ['person.profile']);
    view.core = { ...view.core, handling: forged };
    await expect(verifySignedView(await busSigned(p, view), p.busKey, 'ly-coastguard', p.originators)).rejects.toMatchObject({
      code: 'E_VIEW_INVALID',
      path: 'core',
    });
  });

  test("the originator's manifest holds them: a submission signed without them does not carry them", async () => {
    const p = await parties();
    const signed = v1.SignedNotice.decode(await signNotice(sampleNotice('it-police', { handling }), p.originator));
    expect(v1.NoticeManifest.decode(signed.manifest).core?.handling).toEqual(handling);
  });
});
