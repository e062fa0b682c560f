/**
 * verifyBusSignedView, for a reader without the registry (`accord inbox --node`): every
 * check of verifySignedView but the originator's signature, so a node or a transport
 * cannot change a view, while the originals are the bus's word.
 */
import { describe, expect, test } from 'vitest';
import { readableView, verifyBusSignedView, verifySignedView, viewRecipient } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { busSigned, deliveredView, parties } from '../harness/view-fixture.js';

const granted = ['person.profile', 'smuggler.identity', 'conveyance'] as const;

const refusal = (promise: Promise<unknown>): Promise<{ code?: string; message?: string; path?: string }> =>
  promise.then(
    () => ({}),
    (error: { code: string; message: string; path?: string }) => error,
  );

describe("a view checked against the bus's signature alone", () => {
  test('an honest view reads the same as when the originator is checked too', async () => {
    const p = await parties();
    const bytes = await busSigned(p, await deliveredView(p, sampleNotice('it-police'), [...granted]));
    const full = await verifySignedView(bytes, p.busKey, 'ly-coastguard', p.originators);
    expect(readableView(await verifyBusSignedView(bytes, p.busKey, 'ly-coastguard'))).toEqual(readableView(full));
  });

  test('a view signed by another key than the bus key is refused', async () => {
    const p = await parties();
    const other = await parties();
    const bytes = await busSigned(other, await deliveredView(p, sampleNotice('it-police'), [...granted]));
    expect(await refusal(verifyBusSignedView(bytes, p.busKey, 'ly-coastguard'))).toMatchObject({
      code: 'E_VIEW_INVALID',
      message: expect.stringContaining('not the bus key'),
    });
  });

  test('a view addressed to another agency is refused; viewRecipient reads whom it names', async () => {
    const p = await parties();
    const bytes = await busSigned(p, await deliveredView(p, sampleNotice('it-police'), [...granted], 'mt-afm'));
    expect(viewRecipient(bytes)).toBe('mt-afm');
    expect(await refusal(verifyBusSignedView(bytes, p.busKey, 'ly-coastguard'))).toMatchObject({
      code: 'E_VIEW_INVALID',
      message: expect.stringContaining('addressed to mt-afm, not ly-coastguard'),
    });
  });

  test('a disclosed value not covered by the manifest in the view is still refused, naming its path', async () => {
    const p = await parties();
    const view = await deliveredView(p, sampleNotice('it-police'), [...granted]);
    const i = view.disclosures.findIndex((d) => v1.Disclosure.decode(d).personIdentity);
    const d = v1.Disclosure.decode(view.disclosures[i] ?? new Uint8Array());
    view.disclosures[i] = v1.Disclosure.encode(
      v1.Disclosure.create({ salt: d.salt, path: d.path, personIdentity: { fullName: 'Somebody Innocent' } }),
    ).finish();
    expect(await refusal(verifyBusSignedView(await busSigned(p, view), p.busKey, 'ly-coastguard'))).toMatchObject({
      code: 'E_VIEW_INVALID',
      path: d.path,
    });
  });

  test("the originator's signature is not checked: a manifest re-signed by another key passes here, not in verifySignedView", async () => {
    const p = await parties();
    const other = await parties();
    const view = await deliveredView(p, sampleNotice('it-police'), [...granted]);
    const forged = await deliveredView(other, sampleNotice('it-police'), [...granted]);
    view.manifestJws = forged.manifestJws.replace(/^[^.]+/, view.manifestJws.split('.')[0] ?? '');
    const bytes = await busSigned(p, view);
    await expect(verifyBusSignedView(bytes, p.busKey, 'ly-coastguard')).resolves.toBeDefined();
    expect((await refusal(verifySignedView(bytes, p.busKey, 'ly-coastguard', p.originators))).code).toBe('E_VIEW_INVALID');
  });
});
