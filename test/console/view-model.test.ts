import { describe, expect, test } from 'vitest';
import { inboxRowFrom, noticeModelFrom, renderNotice, type NoticeModel } from '../../libs/console/index.js';
import { v1 } from '../../libs/proto/index.js';
import { NOTICE_ID, realisticView, RELEASED_ID, signedIn } from './console-fixture.js';

describe('the notice model from a stored view', () => {
  test('a realistic view gives every fact, element and withheld entry', () => {
    const expected: NoticeModel = {
      noticeId: NOTICE_ID,
      tlp: 'AMBER_STRICT',
      type: 'ALERT',
      caseRef: 'IT-BA-2026-0042',
      issuer: 'it-police',
      issuedAt: '2026-11-30T08:15:00Z',
      receivedAt: '2026-11-30T08:15:04.512Z',
      caveats: ['MINORS_INVOLVED'],
      handling: ['NO_ONWARD_SHARING', 'CONSENT_BEFORE_ACTION'],
      mode: 'SEA',
      route: { origin: ['LY'], transit: ['MT'], destination: ['IT'] },
      addressees: ['ly-coastguard', 'mt-afm'],
      migrantCount: 48,
      deathsReported: 2,
      signerKid: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
      verified: true,
      elements: [
        {
          id: 'c0nv3yance0000000000000',
          category: 'conveyance',
          kind: 'conveyance',
          entity: 'Cv7aQ2',
          path: 'conveyances/Cv7aQ2',
          fields: [
            ['kind', 'VESSEL'],
            ['identifier', 'ZW-1234'],
            ['flagCountry', 'LY'],
          ],
          derived: false,
        },
        {
          id: 'l0cat10n00000000000000',
          category: 'core',
          kind: 'coarseLocation',
          entity: 'Lq9Zt1',
          path: 'locations/Lq9Zt1/coarse',
          fields: [
            ['lat', '32'],
            ['lon', '12'],
            ['gridDegrees', '1'],
            ['observedAt', '2026-11-29T22:40:00Z'],
          ],
          derived: true,
        },
        {
          id: 'Pm4Rk8',
          category: 'person.profile',
          kind: 'personProfile',
          entity: 'Pm4Rk8',
          path: 'persons/Pm4Rk8/profile',
          fields: [
            ['role', 'SMUGGLER_SUSPECT'],
            ['nationality', 'LY'],
            ['minor', 'false'],
            ['unaccompanied', 'false'],
          ],
          derived: false,
        },
        {
          id: 'ps3ud0nym0000000000000',
          category: 'person.profile',
          kind: 'pseudonym',
          entity: 'Pm4Rk8',
          path: 'persons/Pm4Rk8/pseudonym',
          fields: [['pseudonym', 'P-7QZK-3MXA']],
          derived: true,
        },
        {
          id: 'summ4ry000000000000000',
          category: 'summary',
          kind: 'summary',
          path: 'summary',
          fields: [['summary', 'A rubber boat left Zuwara at night with {{pseudonym 0}} at the helm.']],
          derived: true,
        },
      ],
      withheld: [
        { path: 'locations/Lq9Zt1', category: 'location.precise', count: 1 },
        { path: 'persons/Pm4Rk8/identity', category: 'smuggler.identity', count: 3 },
      ],
      grantedCategories: ['core', 'person.profile', 'conveyance', 'summary'],
      policyVersion: 'mediterranean@7',
    };
    expect(noticeModelFrom(realisticView())).toEqual(expected);
    expect(noticeModelFrom(realisticView(), '2026-11-30T09:00:00Z').receiptAt).toBe('2026-11-30T09:00:00Z');
  });

  test("an identity's documents and omitted proto3 defaults become fields", () => {
    const stored = realisticView();
    (stored.view as { elements: unknown[] }).elements = [
      {
        id: 'i',
        category: 'smuggler.identity',
        path: 'persons/X/identity',
        personIdentity: { fullName: 'Kamal R.', documents: [{ kind: 'passport', number: 'P123', issuingCountry: 'EG' }] },
      },
      { id: 'l', category: 'location.precise', path: 'locations/Y', location: { lat: 35.5, label: 'Lampedusa' } },
    ];
    const [identity, location] = noticeModelFrom(stored).elements;
    expect(identity?.fields).toEqual([
      ['fullName', 'Kamal R.'],
      ['dateOfBirth', ''],
      ['phone', ''],
      ['document', 'passport · P123 · EG'],
    ]);
    expect(location?.fields).toEqual([
      ['lat', '35.5'],
      ['lon', '0'],
      ['label', 'Lampedusa'],
      ['observedAt', ''],
    ]);
  });

  test.each([
    ['an empty view', {}],
    ['no core', { signerKid: 'k', elements: [{ id: 'x' }] }],
    [
      'wrong types everywhere',
      { core: 'x', elements: 'y', withheld: [1, null, 'z', { count: 'many' }], grantedCategories: {}, signerKid: 7 },
    ],
    [
      'odd elements',
      {
        core: { tlp: 9, caveats: [1, 'A', null], handling: 'all', route: [], migrantCount: '12' },
        elements: [null, [], { personIdentity: 'x' }, { path: 5, derived: 'yes', weird: {} }],
      },
    ],
    ['a core of arrays', { core: [], elements: [{ personProfile: null }] }],
  ])('%s gives a model, empty where the view says nothing, without throwing', (_what, view) => {
    const model = noticeModelFrom({ noticeId: 'n', receivedAt: '', view: view as Record<string, unknown> });
    expect(model.noticeId).toBe('n');
    expect(model.tlp).toBe('RED');
    expect(typeof model.caseRef).toBe('string');
    expect(Array.isArray(model.elements)).toBe(true);
    expect(model.elements.every((e) => Array.isArray(e.fields) && typeof e.derived === 'boolean')).toBe(true);
    expect(() => renderNotice(signedIn(), model)).not.toThrow();
  });

  test('garbage in place of the stored view itself does not throw', () => {
    for (const stored of [null, undefined, 'view', 42, { view: null }, { view: [] }]) {
      expect(() => noticeModelFrom(stored as never)).not.toThrow();
      expect(() => inboxRowFrom(stored as never, false)).not.toThrow();
    }
  });

  test('unknown element kinds are other, with no fields', () => {
    const model = noticeModelFrom({
      noticeId: 'n',
      receivedAt: '',
      view: { elements: [{ id: 'q', category: 'core', path: 'x/y', hologram: { a: 1 } }] },
    });
    expect(model.elements).toEqual([{ id: 'q', category: 'core', kind: 'other', path: 'x/y', fields: [], derived: false }]);
  });

  test('a view with no signer key is not shown as verified', () => {
    expect(noticeModelFrom({ noticeId: 'n', receivedAt: '', view: {} }).verified).toBe(false);
  });

  test("a supplementary view's model names its request and the categories its release gives", () => {
    const release = v1.Release.encode({
      requestId: RELEASED_ID,
      noticeId: NOTICE_ID,
      recipient: 'ly-coastguard',
      categories: ['financial'],
    });
    const stored = realisticView();
    const supplement = { requestId: RELEASED_ID, release: Buffer.from(release.finish()).toString('base64'), releaseJws: 'a..b' };
    expect(noticeModelFrom({ ...stored, view: { ...stored.view, supplement } }).supplement).toEqual({
      requestId: RELEASED_ID,
      categories: ['financial'],
    });
    expect(noticeModelFrom(realisticView())).not.toHaveProperty('supplement');
  });

  test('a supplement whose release does not decode still names its request, with no category', () => {
    const stored = realisticView();
    const supplement = { requestId: RELEASED_ID, release: Buffer.from([0xff, 0xff, 0xff]).toString('base64') };
    expect(noticeModelFrom({ ...stored, view: { ...stored.view, supplement } }).supplement).toEqual({
      requestId: RELEASED_ID,
      categories: [],
    });
  });
});

describe('the inbox row from a stored view', () => {
  test('takes the id, level, type, case, issuer, receipt time and handling codes, and the read state given', () => {
    expect(inboxRowFrom(realisticView(), true)).toEqual({
      noticeId: NOTICE_ID,
      tlp: 'AMBER_STRICT',
      type: 'ALERT',
      caseRef: 'IT-BA-2026-0042',
      issuer: 'it-police',
      receivedAt: '2026-11-30T08:15:04.512Z',
      readByMe: true,
      handling: ['NO_ONWARD_SHARING', 'CONSENT_BEFORE_ACTION'],
    });
  });
});
