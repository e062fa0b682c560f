import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { Category } from '../../libs/notice/index.js';
import { timestampFromDate, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { buildView } from '../../libs/redaction/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const secret = randomBytes(32);
const receivedAt = timestampFromDate(new Date('2026-11-29T08:30:00Z'));

function viewOf(notice: CaseNoticeProps, granted: Category[], recipient = 'ly-coastguard') {
  const built = buildView({
    notice,
    signerKid: 'kid',
    recipient,
    granted: new Set<Category>(['core', ...granted]),
    ruleIds: [],
    policyVersion: 'test',
    receivedAt,
    secret,
    pseudonymKey: secret,
  });
  return { ...built, bytes: Buffer.from(v1.DeliveredView.encode(built.view).finish()) };
}

describe('a recipient view', () => {
  test("a withheld name appears nowhere in the view's bytes, while a granted value of the same notice does", () => {
    const { bytes } = viewOf(sampleNotice('it-police'), ['person.profile', 'smuggler.identity']);
    expect(bytes.includes('Kamal Haddad')).toBe(true);
    for (const withheld of ['Amina', 'Tesfaye', 'Yonas', 'Berhane', 'LY83002048000020100120361', 'Zuwara']) {
      expect(bytes.includes(withheld)).toBe(false);
    }
  });

  test('withheld elements are listed by path and category', () => {
    const { view } = viewOf(sampleNotice('it-police'), ['person.profile']);
    expect(view.withheld.map((w) => w.category).sort()).toEqual([
      'financial',
      'location.precise',
      'migrant.identity',
      'smuggler.identity',
      'summary',
      'witness.identity',
      'conveyance',
    ].sort());
  });

  test('elements are named by random ids, never by array position', () => {
    const { view } = viewOf(sampleNotice('it-police'), ['person.profile']);
    for (const element of view.elements) expect(element.path).not.toMatch(/\/\d+(\/|$)/);
  });

  test('a view is the same bytes every time it is built (a redelivery stores nothing new)', () => {
    const notice = sampleNotice('it-police');
    expect(viewOf(notice, ['person.profile']).bytes.equals(viewOf(notice, ['person.profile']).bytes)).toBe(true);
  });

  test('under WITNESS_PROTECTION a recipient without witness.identity sees no trace of the witness', () => {
    const notice = sampleNotice('it-police', { caveats: [v1.Caveat.WITNESS_PROTECTION] });
    const { view, bytes } = viewOf(notice, ['person.profile', 'smuggler.identity']);
    expect(view.elements.filter((e) => e.personProfile?.role === v1.PersonRole.WITNESS)).toHaveLength(0);
    expect(view.withheld.filter((w) => w.category === 'witness.identity')).toHaveLength(0);
    expect(bytes.includes('witness')).toBe(false);
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

  test('pseudonyms are stable for a recipient and differ between recipients', () => {
    const notice = sampleNotice('it-police');
    const pseudonyms = (recipient: string) => viewOf({ ...notice, noticeId: 'other' }, ['person.profile'], recipient).view.elements.filter((e) => e.pseudonym).map((e) => e.pseudonym);
    expect(pseudonyms('a')).toEqual(pseudonyms('a'));
    expect(pseudonyms('a')).not.toEqual(pseudonyms('b'));
  });
});

describe('pseudonyms', () => {
  const key = randomBytes(32);
  const notice = sampleNotice('it-police');
  const smuggler = notice.persons?.[0] ?? {};
  const pseudonymIn = (n: typeof notice, recipient: string, pseudonymKey = key) =>
    buildView({ notice: n, signerKid: 'k', recipient, granted: new Set<Category>(['core', 'person.profile']), ruleIds: [], policyVersion: 't', receivedAt, secret, pseudonymKey }).view.elements
      .filter((e) => e.pseudonym)
      .map((e) => e.pseudonym);
  /** The pseudonym next to the smuggler's profile (elements are found by path, never by position). */
  const smugglerPseudonym = (n: typeof notice, recipient: string) => {
    const elements = buildView({ notice: n, signerKid: 'k', recipient, granted: new Set<Category>(['core', 'person.profile']), ruleIds: [], policyVersion: 't', receivedAt, secret, pseudonymKey: key }).view.elements;
    const person = (elements.find((e) => e.personProfile?.role === v1.PersonRole.SMUGGLER_SUSPECT)?.path ?? '').replace(/\/profile$/, '');
    return elements.find((e) => e.path === `${person}/pseudonym`)?.pseudonym;
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

  test('without the pseudonym key they cannot be recomputed: another key gives others', () => {
    expect(pseudonymIn(notice, 'ly-coastguard', randomBytes(32))).not.toEqual(pseudonymIn(notice, 'ly-coastguard'));
  });

  test('pseudonyms are derived values, marked as such', () => {
    const view = buildView({ notice, signerKid: 'k', recipient: 'r', granted: new Set<Category>(['core', 'person.profile']), ruleIds: [], policyVersion: 't', receivedAt, secret, pseudonymKey: key }).view;
    expect(view.elements.filter((e) => e.pseudonym).every((e) => e.derived)).toBe(true);
  });
});
