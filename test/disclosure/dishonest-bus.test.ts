import { describe, expect, test } from 'vitest';
import { signNotice, verifySignedView } from '../../libs/client/index.js';
import { digestOf } from '../../libs/disclosure/index.js';
import { v1 } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { busSigned, deliveredView, parties } from '../harness/view-fixture.js';

const granted = ['person.profile', 'smuggler.identity', 'conveyance'] as const;

async function refusal(
  bytes: Uint8Array,
  p: Awaited<ReturnType<typeof parties>>,
): Promise<{ code?: string; message?: string; path?: string }> {
  return verifySignedView(bytes, p.busKey, 'ly-coastguard', p.originators).then(
    () => ({}),
    (error: { code: string; message: string; path?: string }) => error,
  );
}

function identityIndex(view: v1.DeliveredView): number {
  return view.disclosures.findIndex((d) => v1.Disclosure.decode(d).personIdentity);
}

describe('the bus can withhold elements, never alter or invent one', () => {
  test('an honest view verifies: every original against the originator, every derived value against the bus', async () => {
    const p = await parties();
    const view = await deliveredView(p, sampleNotice('it-police'), [...granted]);
    const verified = await verifySignedView(await busSigned(p, view), p.busKey, 'ly-coastguard', p.originators);
    expect(verified.elements.some((e) => e.personIdentity?.fullName === 'Kamal Haddad' && !e.derived)).toBe(true);
    expect(verified.elements.some((e) => e.pseudonym && e.derived)).toBe(true);
  });

  test('a disclosed value the bus changed is refused, naming its path', async () => {
    const p = await parties();
    const view = await deliveredView(p, sampleNotice('it-police'), [...granted]);
    const i = identityIndex(view);
    const d = v1.Disclosure.decode(view.disclosures[i] ?? new Uint8Array());
    // oxlint-disable-next-line typescript/no-misused-spread -- a decoded protobufjs message holds its fields as own properties: spreading it copies them, which is all create() and encode() need
    view.disclosures[i] = v1.Disclosure.encode({ ...d, personIdentity: { ...d.personIdentity, fullName: 'Somebody Innocent' } }).finish();
    expect(await refusal(await busSigned(p, view), p)).toMatchObject({
      code: 'E_VIEW_INVALID',
      path: d.path,
      message: expect.stringContaining(`${d.path} is not in the originator's manifest`),
    });
  });

  test('a disclosure the bus dropped while claiming it was granted is refused, naming its path', async () => {
    const p = await parties();
    const view = await deliveredView(p, sampleNotice('it-police'), [...granted]);
    const i = identityIndex(view);
    const path = v1.Disclosure.decode(view.disclosures[i] ?? new Uint8Array()).path;
    view.disclosures.splice(i, 1);
    expect(await refusal(await busSigned(p, view), p)).toMatchObject({
      code: 'E_VIEW_INVALID',
      path,
      message: expect.stringContaining('its disclosure is missing'),
    });
  });

  test('a value the originator never signed, added by the bus, is refused, naming its path', async () => {
    const p = await parties();
    const view = await deliveredView(p, sampleNotice('it-police'), [...granted]);
    const path = 'financial/Zm9yZ2VkLWJ5LXRoZS1idXM';
    view.disclosures.push(v1.Disclosure.encode({ salt: new Uint8Array(16).fill(1), path, financial: { account: 'FAKE' } }).finish());
    view.granted.push(v1.GrantedElement.create({ path, category: 'financial' }));
    expect(await refusal(await busSigned(p, view), p)).toMatchObject({
      code: 'E_VIEW_INVALID',
      path,
      message: expect.stringContaining("not in the originator's manifest"),
    });
  });

  test('a core the bus changed is refused', async () => {
    const p = await parties();
    const view = await deliveredView(p, sampleNotice('it-police'), [...granted]);
    view.core = { ...view.core, deathsReported: 40 };
    expect(await refusal(await busSigned(p, view), p)).toMatchObject({ code: 'E_VIEW_INVALID', path: 'core' });
  });

  test('a manifest re-signed by anyone but the originator is refused', async () => {
    const p = await parties();
    const other = await parties();
    const view = await deliveredView(p, sampleNotice('it-police'), [...granted]);
    const forged = await deliveredView(other, sampleNotice('it-police'), [...granted]);
    view.manifestJws = forged.manifestJws.replace(/^[^.]+/, view.manifestJws.split('.')[0] ?? '');
    expect((await refusal(await busSigned(p, view), p)).code).toBe('E_VIEW_INVALID');
  });
});

describe('withheld digests do not let a recipient confirm a guess', () => {
  test('guessing the withheld witness identity fails without the salt, succeeds with it', async () => {
    const p = await parties();
    const notice = sampleNotice('it-police');
    const view = await deliveredView(p, notice, ['person.profile', 'smuggler.identity']);
    const manifest = v1.NoticeManifest.decode(view.manifest);
    const inManifest = (bytes: Uint8Array) => manifest.digests.some((d) => Buffer.from(d).equals(digestOf(bytes)));
    // The recipient knows where the witness's identity is (the withheld list) and guesses it right.
    const path = view.withheld.find((w) => w.category === 'witness.identity')?.path ?? '';
    const guess = { path, personIdentity: { fullName: 'Yonas Berhane' } };
    for (const salt of [new Uint8Array(0), new Uint8Array(16), Buffer.from('Yonas Berhane'.padEnd(16))]) {
      expect(inManifest(v1.Disclosure.encode({ ...guess, salt }).finish())).toBe(false);
    }
    // With the salt (here taken from the originator's own submission) the same procedure confirms it.
    const submission = v1.SignedNotice.decode(await signNotice(notice, p.originator));
    const original = submission.disclosures.map((d) => v1.Disclosure.decode(d)).find((d) => d.personIdentity?.fullName === 'Yonas Berhane');
    const own = v1.NoticeManifest.decode(submission.manifest);
    const withSalt = v1.Disclosure.encode({ ...guess, path: original?.path ?? '', salt: original?.salt ?? new Uint8Array() }).finish();
    expect(own.digests.some((d) => Buffer.from(d).equals(digestOf(withSalt)))).toBe(true);
  });

  test('the manifest holds a power-of-two number of digests, sorted, so count and order reveal nothing', async () => {
    const p = await parties();
    const small = v1.NoticeManifest.decode((await deliveredView(p, sampleNotice('it-police', { persons: [] }), [])).manifest);
    const large = v1.NoticeManifest.decode((await deliveredView(p, sampleNotice('it-police'), [])).manifest);
    expect(small.digests.length).toBe(32);
    expect(large.digests.length).toBe(32);
    const sorted = [...large.digests].sort((a, b) => Buffer.compare(a, b));
    expect(large.digests.map((d) => Buffer.from(d).toString('hex'))).toEqual(sorted.map((d) => Buffer.from(d).toString('hex')));
  });

  test('salts are random per disclosure: the same notice signed twice shares no digest', async () => {
    const p = await parties();
    const notice = sampleNotice('it-police');
    const a = v1.NoticeManifest.decode(v1.SignedNotice.decode(await signNotice(notice, p.originator)).manifest);
    const b = v1.NoticeManifest.decode(v1.SignedNotice.decode(await signNotice(notice, p.originator)).manifest);
    const set = new Set(a.digests.map((d) => Buffer.from(d).toString('hex')));
    expect(b.digests.filter((d) => set.has(Buffer.from(d).toString('hex')))).toEqual([]);
  });

  describe("a summary rendered from the originator's template", () => {
    const summary = 'Skipper {{persons[0]}} took {{persons[1]}} aboard. {{migrant.identity:Her uncle paid.}}';
    const markedUp = () => sampleNotice('it-police', { summary });

    test("an honest rendering verifies, as the originator's words", async () => {
      const p = await parties();
      const verified = await verifySignedView(
        await busSigned(p, await deliveredView(p, markedUp(), [...granted, 'summary'])),
        p.busKey,
        'ly-coastguard',
        p.originators,
      );
      expect(verified.summarySource).toBe('template');
      expect(verified.elements.find((e) => e.path === 'summary')?.summary).toMatch(
        /^Skipper Kamal Haddad took P-[0-9A-F]{16} aboard\. \[withheld:migrant\.identity\]$/,
      );
    });

    test('words the bus added to the rendered text are refused', async () => {
      const p = await parties();
      const view = await deliveredView(p, markedUp(), [...granted, 'summary']);
      const rendered = view.elements.find((e) => e.path === 'summary');
      if (!rendered) throw new Error('no rendered summary');
      rendered.summary = `${rendered.summary ?? ''} He is armed.`;
      expect(await refusal(await busSigned(p, view), p)).toMatchObject({ code: 'E_VIEW_INVALID', path: 'summary' });
    });

    test('a pseudonym that is not one (words put in its place) is refused', async () => {
      const p = await parties();
      const view = await deliveredView(p, markedUp(), [...granted, 'summary']);
      const pseudonym = view.elements.find((e) => e.pseudonym);
      const rendered = view.elements.find((e) => e.path === 'summary');
      if (!pseudonym || !rendered) throw new Error('no pseudonym or summary');
      const fake = 'P-0000 (armed; shoot on sight)';
      rendered.summary = (rendered.summary ?? '').replace(pseudonym.pseudonym ?? '', fake);
      pseudonym.pseudonym = fake;
      expect(await refusal(await busSigned(p, view), p)).toMatchObject({ code: 'E_VIEW_INVALID', path: 'summary' });
    });

    test("a withheld entry under a category of the bus's own making is refused", async () => {
      const p = await parties();
      const view = await deliveredView(p, markedUp(), [...granted, 'summary']);
      const span = view.withheld.find((w) => (w.path ?? '').startsWith('summary/spans/'));
      const rendered = view.elements.find((e) => e.path === 'summary');
      if (!span || !rendered) throw new Error('no withheld span');
      rendered.summary = (rendered.summary ?? '').replace(`[withheld:${span.category}]`, '[withheld:Tripoli harbour, berth 4]');
      span.category = 'Tripoli harbour, berth 4';
      expect(await refusal(await busSigned(p, view), p)).toMatchObject({ code: 'E_VIEW_INVALID', path: 'summary' });
    });
  });
});
