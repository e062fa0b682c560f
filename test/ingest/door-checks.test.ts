import { describe, expect, test } from 'vitest';
import { checkFreshness, checkKeyValidity, checkLimits, DEFAULT_FRESHNESS, DEFAULT_INGEST_LIMITS } from '../../libs/ingest/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import type { AgencyKey } from '../../libs/registry/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const at = (iso: string) => timestampFromDate(new Date(iso));

describe('freshness is judged against the time the submission reached the bus', () => {
  const received = at('2026-11-29T08:00:00Z');

  test('issued 4 minutes before reaching the bus is fresh', () => {
    expect(checkFreshness(at('2026-11-29T07:56:00Z'), received, DEFAULT_FRESHNESS)).toBeUndefined();
  });

  test('issued 6 minutes before is E_STALE', () => {
    expect(checkFreshness(at('2026-11-29T07:54:00Z'), received, DEFAULT_FRESHNESS)?.code).toBe('E_STALE');
  });

  test('issued 31 seconds after is E_FUTURE', () => {
    expect(checkFreshness(at('2026-11-29T08:00:31Z'), received, DEFAULT_FRESHNESS)?.code).toBe('E_FUTURE');
  });
});

describe('limits', () => {
  test('a notice within every limit passes', () => {
    expect(checkLimits(sampleNotice('it-police'), DEFAULT_INGEST_LIMITS)).toBeUndefined();
  });

  test('too many documents for one person names that person', () => {
    const notice = sampleNotice('it-police', {
      persons: [{ role: v1.PersonRole.WITNESS, documents: Array.from({ length: 21 }, () => ({ number: 'X1' })) }],
    });
    expect(checkLimits(notice, DEFAULT_INGEST_LIMITS)).toMatchObject({ code: 'E_LIMIT_EXCEEDED', path: 'persons[0].documents' });
  });

  test('an overlong account number names its field', () => {
    const notice = sampleNotice('it-police', { financial: [{ account: '9'.repeat(600) }] });
    expect(checkLimits(notice, DEFAULT_INGEST_LIMITS)).toMatchObject({ path: 'financial[0].account' });
  });

  test('an overlong summary is E_LIMIT_EXCEEDED', () => {
    expect(checkLimits(sampleNotice('it-police', { summary: 's'.repeat(20_001) }), DEFAULT_INGEST_LIMITS)?.path).toBe('summary');
  });
});

describe('key validity at the time a submission reached the bus', () => {
  const key: AgencyKey = { kid: 'k', agency: 'a', jwk: { kty: 'OKP', crv: 'Ed25519', x: 'x', kid: 'k' }, status: 'active', addedAt: '' };
  const t = new Date('2026-11-29T08:00:00Z');

  test('an active key is valid', () => {
    expect(checkKeyValidity(key, t)).toBeUndefined();
  });

  test('a superseded key is valid for what reached the bus before its revocation', () => {
    expect(checkKeyValidity({ ...key, status: 'superseded', revokedAt: '2026-11-29T09:00:00Z' }, t)).toBeUndefined();
  });

  test('a superseded key is E_KEY_REVOKED for what reached the bus after', () => {
    expect(checkKeyValidity({ ...key, status: 'superseded', revokedAt: '2026-11-29T07:00:00Z' }, t)?.code).toBe('E_KEY_REVOKED');
  });

  test('a compromised key is E_KEY_REVOKED whenever the submission arrived', () => {
    expect(checkKeyValidity({ ...key, status: 'compromised', revokedAt: '2026-11-29T09:00:00Z' }, t)?.code).toBe('E_KEY_REVOKED');
  });

  test('a key past its notAfter is E_KEY_EXPIRED', () => {
    expect(checkKeyValidity({ ...key, notAfter: '2026-11-01T00:00:00Z' }, t)?.code).toBe('E_KEY_EXPIRED');
  });
});
