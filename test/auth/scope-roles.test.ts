import { createAccount } from '@nats-io/nkeys';
import { describe, expect, test } from 'vitest';
import { accordAccountClaims, isAgencyRole, jwtPermissions, scopedSigningKey, scopeRoleOf } from '../../libs/auth/index.js';
import { permissionsFor } from '../../libs/bus/index.js';

describe('scoped signing keys', () => {
  test('an agency identity has a role of its own, named like it', () => {
    expect(scopeRoleOf({ kind: 'adapter', agency: 'it-police' })).toBe('adapter.it-police');
    expect(scopeRoleOf({ kind: 'node', agency: 'ly-coastguard' })).toBe('node.ly-coastguard');
    expect(isAgencyRole('liaison.mt-police')).toBe(true);
  });

  test('bus identities share a role per kind; the offline admin has none', () => {
    expect(scopeRoleOf({ kind: 'service', service: 'ingest' })).toBe('service-ingest');
    expect(scopeRoleOf({ kind: 'operator' })).toBe('operator');
    expect(scopeRoleOf({ kind: 'admin' })).toBeUndefined();
    expect(isAgencyRole('operator')).toBe(false);
  });

  test("a role's template is exactly the identity's permissions", () => {
    const key = createAccount().getPublicKey();
    const scope = scopedSigningKey('liaison.it-police', key);
    const expected = permissionsFor({ kind: 'liaison', agency: 'it-police' });
    expect(scope).toMatchObject({ kind: 'user_scope', key, role: 'liaison.it-police' });
    expect(scope.template.pub?.allow).toEqual(expected?.publish);
    expect(scope.template.sub?.allow).toEqual(expected?.subscribe);
  });

  test("the operator's template denies rewriting the audit streams", () => {
    const scope = scopedSigningKey('operator', createAccount().getPublicKey());
    expect(scope.template.pub?.deny).toContain('$JS.API.STREAM.DELETE.ACCORD_AUDIT');
    expect(scope.template.pub?.deny).toContain('$JS.API.STREAM.PURGE.ACCORD_CHECKPOINTS');
  });

  test('a role no identity has is refused', () => {
    expect(() => scopedSigningKey('service-mailer', createAccount().getPublicKey())).toThrow(/no identity/);
    expect(() => scopedSigningKey('adapter.X_bad', createAccount().getPublicKey())).toThrow(/no identity/);
  });
});

describe('JWT permissions', () => {
  test('a direction with nothing allowed denies everything, since an empty allow list would mean anything', () => {
    const p = jwtPermissions({ publish: [], subscribe: ['a.>'], allowResponses: false });
    expect(p.pub).toEqual({ allow: [], deny: ['>'] });
    expect(p.sub).toEqual({ allow: ['a.>'], deny: [] });
  });

  test('responses are granted only to identities that answer requests', () => {
    expect(jwtPermissions({ publish: ['a'], subscribe: ['b'], allowResponses: false }).resp).toBeUndefined();
    expect(jwtPermissions({ publish: ['a'], subscribe: ['b'], allowResponses: true }).resp).toEqual({ max: 1, ttl: 0 });
  });
});

describe('the Accord account', () => {
  test('enables JetStream, lists every scoped key and carries the revocations', () => {
    const scopes = new Map([
      ['operator', createAccount().getPublicKey()],
      ['adapter.it-police', createAccount().getPublicKey()],
    ]);
    const claims = accordAccountClaims(scopes, { UREVOKED: 1_700_000_000 });
    expect(claims.limits?.disk_storage).toBe(-1);
    expect(claims.signing_keys?.map((k) => (typeof k === 'string' ? k : k.role))).toEqual(['operator', 'adapter.it-police']);
    expect(claims.revocations).toEqual({ UREVOKED: 1_700_000_000 });
  });
});
