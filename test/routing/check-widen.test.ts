import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import type { Agency, Role } from '../../libs/registry/index.js';
import { admitWidenRequest, checkReleaseTerms, MAX_RELEASE_DAYS, widenedGrant } from '../../libs/routing/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const noticeId = randomUUID();
const delivered: v1.NoticeRecord.$Properties = {
  noticeId,
  issuingAgency: 'it-police',
  deliveries: [{ agency: 'gr-coastguard', deliverySeq: 3, categories: ['core', 'person.profile', 'summary'] }],
};
const NOW = new Date('2026-12-03T12:00:00Z');
const DAY = 86_400_000;

const asked = (overrides: Partial<v1.WidenRequest.$Properties> = {}): v1.WidenRequest =>
  v1.WidenRequest.create({
    requestId: randomUUID(),
    noticeId,
    categories: ['smuggler.identity'],
    reason: 'To match the skipper.',
    ...overrides,
  });

const refusal = (f: () => unknown): { code?: string; message?: string } => {
  try {
    f();
  } catch (error) {
    return error as { code: string; message: string };
  }
  return {};
};

describe('a request to widen is taken', () => {
  test('from a recipient, for categories it was not granted: PENDING, addressed to the issuer', () => {
    expect(admitWidenRequest(asked(), 'gr-coastguard', delivered, NOW)).toMatchObject({
      status: v1.WidenStatus.PENDING,
      requester: 'gr-coastguard',
      issuer: 'it-police',
      categories: ['smuggler.identity'],
    });
  });
});

describe('a request to widen is refused (E_WIDEN_INVALID)', () => {
  test.each([
    ['about a notice the bus never delivered', () => admitWidenRequest(asked(), 'gr-coastguard', undefined, NOW)],
    ['from an agency that never received it', () => admitWidenRequest(asked(), 'fr-police', delivered, NOW)],
    ['about a withdrawn notice', () => admitWidenRequest(asked(), 'gr-coastguard', { ...delivered, withdrawnBy: randomUUID() }, NOW)],
    ['for core', () => admitWidenRequest(asked({ categories: ['core'] }), 'gr-coastguard', delivered, NOW)],
    ['for what is not a category', () => admitWidenRequest(asked({ categories: ['everything'] }), 'gr-coastguard', delivered, NOW)],
    ['for a category granted already', () => admitWidenRequest(asked({ categories: ['summary'] }), 'gr-coastguard', delivered, NOW)],
    ['for nothing', () => admitWidenRequest(asked({ categories: [] }), 'gr-coastguard', delivered, NOW)],
    ['without a reason', () => admitWidenRequest(asked({ reason: ' ' }), 'gr-coastguard', delivered, NOW)],
    ['with a request id that is no UUID', () => admitWidenRequest(asked({ requestId: 'r1' }), 'gr-coastguard', delivered, NOW)],
  ])('%s', (_what, f) => {
    expect(refusal(f).code).toBe('E_WIDEN_INVALID');
  });
});

describe("a release's terms", () => {
  const request = admitWidenRequest(asked(), 'gr-coastguard', delivered, NOW);
  const terms = (overrides: Partial<v1.Release.$Properties> = {}): v1.Release =>
    v1.Release.create({
      requestId: request.requestId ?? '',
      noticeId,
      recipient: 'gr-coastguard',
      categories: ['smuggler.identity'],
      expiresAt: timestampFromDate(new Date(NOW.getTime() + DAY)),
      ...overrides,
    });

  test('that answer the request exactly are accepted', () => {
    expect(refusal(() => checkReleaseTerms(terms(), request, NOW))).toEqual({});
  });

  test.each([
    ['another recipient', { recipient: 'ly-coastguard' }],
    ['another request', { requestId: randomUUID() }],
    ['another notice', { noticeId: randomUUID() }],
    ['other categories', { categories: ['smuggler.identity', 'financial'] }],
    ['longer than the longest release', { expiresAt: timestampFromDate(new Date(NOW.getTime() + (MAX_RELEASE_DAYS + 1) * DAY)) }],
  ])('made for %s: E_RELEASE_MISMATCH', (_what, overrides) => {
    expect(refusal(() => checkReleaseTerms(terms(overrides), request, NOW)).code).toBe('E_RELEASE_MISMATCH');
  });

  test('past their expiry: E_RELEASE_EXPIRED', () => {
    const stale = terms({ expiresAt: timestampFromDate(new Date(NOW.getTime() - 1000)) });
    expect(refusal(() => checkReleaseTerms(stale, request, NOW)).code).toBe('E_RELEASE_EXPIRED');
  });
});

describe("the widened grant keeps the engine's rules", () => {
  const agency = (id: string, country: string, role: Role, groups = ['med']): Agency => ({
    id,
    country,
    role,
    groups,
    kids: [],
    registeredAt: '',
  });
  const issuer = agency('it-police', 'IT', 'police');
  const notice = v1.CaseNotice.create(sampleNotice('it-police', { tlp: v1.Tlp.GREEN }));

  test('adds the released categories to those the recipient had', () => {
    expect(widenedGrant(notice, issuer, agency('gr-coastguard', 'GR', 'coastguard'), ['core', 'summary'], ['smuggler.identity'])).toEqual(
      expect.arrayContaining(['core', 'summary', 'smuggler.identity']),
    );
  });

  test('refuses a recipient outside the TLP set now (its groups changed): E_RELEASE_FORBIDDEN', () => {
    const moved = agency('gr-coastguard', 'GR', 'coastguard', ['atl']);
    expect(refusal(() => widenedGrant(notice, issuer, moved, ['core'], ['summary'])).code).toBe('E_RELEASE_FORBIDDEN');
  });

  test('refuses anything but core to research, naming the invariant: E_RELEASE_FORBIDDEN', () => {
    const refused = refusal(() => widenedGrant(notice, issuer, agency('eu-research', 'BE', 'research'), ['core'], ['person.profile']));
    expect(refused.code).toBe('E_RELEASE_FORBIDDEN');
    expect(refused.message).toContain('research');
  });
});
