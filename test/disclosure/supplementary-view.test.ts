import { describe, expect, test } from 'vitest';
import { signRelease, verifySignedView } from '../../libs/client/index.js';
import { timestampFromDate, type v1 } from '../../libs/proto/index.js';
import { generateSigningKeyPair, signingKeyFromJwk } from '../../libs/signing/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { busSigned, deliveredView, parties, type Parties } from '../harness/view-fixture.js';

const DAY = 86_400_000;

/** A view granted smuggler.identity on the issuer's release, the release as given. */
async function supplementary(p: Parties, overrides: Partial<v1.Release.$Properties> = {}, key = p.originator): Promise<Uint8Array> {
  const view = await deliveredView(p, sampleNotice('it-police'), ['person.profile', 'smuggler.identity'], 'gr-coastguard');
  const terms = {
    requestId: 'b0a7a1d2-3c4e-4f50-8a6b-7c8d9e0f1a2b',
    noticeId: view.core?.noticeId ?? '',
    recipient: 'gr-coastguard',
    categories: ['smuggler.identity'],
    expiresAt: timestampFromDate(new Date(Date.now() + DAY)),
    ...overrides,
  };
  const { release, releaseJws } = await signRelease(terms, key);
  view.supplement = { requestId: terms.requestId, release, releaseJws };
  return busSigned(p, view);
}

const verify = (p: Parties, bytes: Uint8Array) => verifySignedView(bytes, p.busKey, 'gr-coastguard', p.originators);

describe("a supplementary view carries the issuer's release, which the recipient checks", () => {
  test('an honest one verifies', async () => {
    const p = await parties();
    const verified = await verify(p, await supplementary(p));
    expect(verified.view.supplement?.requestId).toBe('b0a7a1d2-3c4e-4f50-8a6b-7c8d9e0f1a2b');
  });

  test.each([
    ['for another recipient', { recipient: 'ly-coastguard' }],
    ['for another notice', { noticeId: '00000000-0000-4000-8000-000000000000' }],
    ['for a category the view does not grant', { categories: ['financial'] }],
    ['expired before the bus delivered the view', { expiresAt: timestampFromDate(new Date(Date.now() - DAY)) }],
  ])('a release %s is refused', async (_what, overrides) => {
    const p = await parties();
    await expect(verify(p, await supplementary(p, overrides))).rejects.toMatchObject({ code: 'E_VIEW_INVALID', path: 'supplement' });
  });

  test("a release signed by a key the registry does not know (not the issuer's) is refused", async () => {
    const p = await parties();
    const stranger = await signingKeyFromJwk((await generateSigningKeyPair()).privateJwk, 'stranger');
    await expect(verify(p, await supplementary(p, {}, stranger))).rejects.toMatchObject({ code: 'E_VIEW_INVALID', path: 'supplement' });
  });
});
