import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { Category } from '../../libs/notice/index.js';
import { timestampFromDate, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { buildView } from '../../libs/redaction/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { disclosed } from '../harness/submissions.js';

const secret = randomBytes(32);
const pseudonymKey = randomBytes(32);
const receivedAt = timestampFromDate(new Date('2026-11-29T08:30:00Z'));

/** A view, its bytes, and its contents: the disclosures it passes on (decoded) and the derived elements. */
function viewOf(
  notice: CaseNoticeProps,
  granted: Category[],
  recipient = 'ly-coastguard',
  key = pseudonymKey,
  disclosedNotice = disclosed(notice),
) {
  const built = buildView({
    notice: disclosedNotice.opened,
    signed: disclosedNotice.signed,
    signerKid: 'kid',
    recipient,
    granted: new Set<Category>(['core', ...granted]),
    ruleIds: [],
    policyVersion: 'test',
    receivedAt,
    secret,
    pseudonymKey: key,
  });
  const originals = built.view.disclosures.map((d) => v1.Disclosure.decode(d));
  const contents = [...originals, ...built.view.elements];
  return { ...built, bytes: Buffer.from(v1.DeliveredView.encode(built.view).finish()), originals, contents };
}

describe('a recipient view', () => {
  test("a withheld name appears nowhere in the view's bytes, while a granted value of the same notice does", () => {
    const { bytes } = viewOf(sampleNotice('it-police'), ['person.profile', 'smuggler.identity']);
    expect(bytes.includes('Kamal Haddad')).toBe(true);
    for (const withheld of ['Amina', 'Tesfaye', 'Yonas', 'Berhane', 'LY83002048000020100120361', 'Zuwara']) {
      expect(bytes.includes(withheld)).toBe(false);
    }
  });

  test('granted originals travel as the originator made them: the disclosure bytes, untouched', () => {
    const d = disclosed(sampleNotice('it-police'));
    const { view } = viewOf(sampleNotice('it-police'), ['person.profile', 'smuggler.identity'], 'r', pseudonymKey, d);
    const all = d.opened.full.persons
      .flatMap((p) => [p.profile.bytes, ...(p.identity ? [p.identity.bytes] : [])])
      .map((b) => Buffer.from(b).toString('hex'));
    for (const passed of view.disclosures) expect(all).toContain(Buffer.from(passed).toString('hex'));
    expect(view.granted.map((g) => g.category ?? '').sort((a, b) => a.localeCompare(b))).toEqual([
      'person.profile',
      'person.profile',
      'person.profile',
      'smuggler.identity',
    ]);
  });

  test('withheld elements are listed by path and category', () => {
    const { view } = viewOf(sampleNotice('it-police'), ['person.profile']);
    expect(view.withheld.map((w) => w.category ?? '').sort((a, b) => a.localeCompare(b))).toEqual(
      ['financial', 'location.precise', 'migrant.identity', 'smuggler.identity', 'summary', 'witness.identity', 'conveyance'].sort((a, b) =>
        a.localeCompare(b),
      ),
    );
  });

  test('elements are named by random ids, never by array position', () => {
    const { contents } = viewOf(sampleNotice('it-police'), ['person.profile']);
    for (const element of contents) expect(element.path).not.toMatch(/\/\d+(\/|$)/);
  });

  test('a view is the same bytes every time it is built from the same submission (a redelivery stores nothing new)', () => {
    const notice = sampleNotice('it-police');
    const d = disclosed(notice);
    expect(
      viewOf(notice, ['person.profile'], 'r', pseudonymKey, d).bytes.equals(viewOf(notice, ['person.profile'], 'r', pseudonymKey, d).bytes),
    ).toBe(true);
  });

  test('under WITNESS_PROTECTION a recipient without witness.identity sees no trace of the witness', () => {
    const notice = sampleNotice('it-police', { caveats: [v1.Caveat.WITNESS_PROTECTION] });
    const { view, bytes, contents } = viewOf(notice, ['person.profile', 'smuggler.identity', 'summary']);
    expect(contents.filter((e) => e.personProfile?.role === v1.PersonRole.WITNESS)).toHaveLength(0);
    expect(view.withheld.filter((w) => w.category === 'witness.identity')).toHaveLength(0);
    expect(bytes.includes('witness')).toBe(false);
  });

  test('under WITNESS_PROTECTION a sentence about the witness vanishes from the summary, leaving no marker and no count', () => {
    const notice = sampleNotice('it-police', {
      caveats: [v1.Caveat.WITNESS_PROTECTION],
      summary: 'Yonas Berhane saw the boat leave. Amina Tesfaye was aboard.',
    });
    const { view } = viewOf(notice, ['person.profile', 'smuggler.identity', 'summary']);
    expect(view.elements.find((e) => e.path === 'summary')?.summary).toBe('[withheld:migrant.identity] was aboard.');
    expect(view.withheld.filter((w) => w.path === 'summary')).toEqual([
      expect.objectContaining({ category: 'migrant.identity', count: 1 }),
    ]);
  });

  test("a minor's identity also needs minor.identity", () => {
    const notice = sampleNotice('it-police');
    const without = viewOf(notice, ['person.profile', 'migrant.identity']);
    expect(without.bytes.includes('Amina')).toBe(false);
    expect(without.view.withheld.some((w) => w.category === 'minor.identity')).toBe(true);
    expect(viewOf(notice, ['person.profile', 'migrant.identity', 'minor.identity']).bytes.includes('Amina Tesfaye')).toBe(true);
  });

  test('without location.precise a location is coarsened to a 1-degree grid and loses its label', () => {
    const { view } = viewOf(sampleNotice('it-police'), []);
    const coarse = view.elements.find((e) => e.coarseLocation);
    expect(coarse?.coarseLocation).toMatchObject({ lat: 32, lon: 12, gridDegrees: 1 });
    expect(coarse?.derived).toBe(true);
  });

  test('a granted summary is passed on scrubbed, as a derived value, never as the original disclosure', () => {
    const notice = sampleNotice('it-police', { summary: 'Skipper Kamal Haddad took Amina Tesfaye aboard.' });
    const { view, originals } = viewOf(notice, ['summary', 'smuggler.identity']);
    expect(originals.some((d) => d.path === 'summary')).toBe(false);
    expect(view.elements.find((e) => e.path === 'summary')).toMatchObject({
      derived: true,
      summary: 'Skipper Kamal Haddad took [withheld:migrant.identity] aboard.',
    });
    expect(view.withheld).toContainEqual(expect.objectContaining({ path: 'summary', category: 'migrant.identity', count: 1 }));
  });
});

describe('pseudonyms', () => {
  const notice = sampleNotice('it-police');
  const smuggler = notice.persons?.[0] ?? {};
  /** The pseudonym next to the smuggler's profile (elements are found by path, never by position). */
  const smugglerPseudonym = (n: CaseNoticeProps, recipient: string, key = pseudonymKey) => {
    const { view, originals } = viewOf(n, ['person.profile'], recipient, key);
    const person = (originals.find((e) => e.personProfile?.role === v1.PersonRole.SMUGGLER_SUSPECT)?.path ?? '').replace(/\/profile$/, '');
    return view.elements.find((e) => e.path === `${person}/pseudonym`)?.pseudonym;
  };

  test('the same person in another notice of the same case, listed elsewhere, has the same pseudonym for a recipient', () => {
    const later = sampleNotice('it-police', { persons: [notice.persons?.[2] ?? {}, { ...smuggler, phone: '' }] });
    expect(smugglerPseudonym(later, 'ly-coastguard')).toBe(smugglerPseudonym(notice, 'ly-coastguard'));
  });

  test('the same person has different pseudonyms for different recipients', () => {
    expect(smugglerPseudonym(notice, 'ly-coastguard')).not.toBe(smugglerPseudonym(notice, 'it-prosecutor'));
  });

  test('the same person has different pseudonyms in different cases', () => {
    expect(smugglerPseudonym({ ...notice, caseRef: 'OTHER-1' }, 'ly-coastguard')).not.toBe(smugglerPseudonym(notice, 'ly-coastguard'));
  });

  test('without the pseudonym key they cannot be recomputed: another key gives another', () => {
    expect(smugglerPseudonym(notice, 'ly-coastguard', randomBytes(32))).not.toBe(smugglerPseudonym(notice, 'ly-coastguard'));
  });

  test('pseudonyms are derived values, marked as such', () => {
    const { view } = viewOf(notice, ['person.profile'], 'r');
    const pseudonyms = view.elements.filter((e) => e.pseudonym);
    expect(pseudonyms.length).toBe(3);
    expect(pseudonyms.every((e) => e.derived)).toBe(true);
  });
});
