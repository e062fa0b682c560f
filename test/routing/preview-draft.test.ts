import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { encodeNotice } from '../../libs/notice/index.js';
import { compilePolicyText } from '../../libs/policy/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { MutableRegistry, type Agency, type Role } from '../../libs/registry/index.js';
import { agencyDirectory, decideRouting, previewDraft } from '../../libs/routing/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const policy = compilePolicyText(readFileSync(join(packageRoot(), 'policies', 'default.yaml'), 'utf8'), 'default.yaml', 'check');
const agency = (id: string, country: string, role: Role): Agency => ({ id, country, role, groups: ['med'], kids: ['k'], registeredAt: '' });
const AGENCIES = [
  agency('gr-police', 'GR', 'police'),
  agency('it-police', 'IT', 'police'),
  agency('it-prosecutor', 'IT', 'prosecutor'),
  agency('ly-coastguard', 'LY', 'coastguard'),
  agency('be-research', 'BE', 'research'),
];
const registry = new MutableRegistry();
for (const a of AGENCIES) registry.putAgency(a);
const draft = (overrides: Partial<CaseNoticeProps> = {}): CaseNoticeProps => sampleNotice('it-police', overrides);

describe('previewDraft', () => {
  test('says for every agency but the issuer what routing decides for the same notice', () => {
    const notice = draft({ tlp: v1.Tlp.AMBER, addressees: ['it-prosecutor'] });
    const preview = previewDraft(encodeNotice(notice), 'it-police', registry, policy);
    const decided = decideRouting(notice, agency('it-police', 'IT', 'police'), registry.agencies(), policy);
    expect(preview.error).toBeUndefined();
    expect(preview.policyVersion).toBe(decided.policyVersion);
    expect(preview.agencies?.map((a) => [a.agency, a.delivered, a.categories])).toEqual(
      decided.agencies.filter((d) => d.agency !== 'it-police').map((d) => [d.agency, d.delivered, d.categories]),
    );
  });

  test('explains no draft in another agency’s name', () => {
    const preview = previewDraft(encodeNotice(draft()), 'ly-coastguard', registry, policy);
    expect(preview).toMatchObject({ error: { code: 'E_SUBJECT_MISMATCH' }, errorPath: 'issuingAgency' });
    expect(preview.agencies).toBeUndefined();
  });

  test('answers a draft ingest would refuse with ingest’s reason code and path', () => {
    const preview = previewDraft(encodeNotice(draft({ caseRef: '' })), 'it-police', registry, policy);
    expect(preview).toMatchObject({ error: { code: 'E_SCHEMA' }, errorPath: 'caseRef' });
  });

  test('refuses an addressee that is not registered, naming which', () => {
    const preview = previewDraft(encodeNotice(draft({ addressees: ['it-prosecutor', 'xx-nobody'] })), 'it-police', registry, policy);
    expect(preview).toMatchObject({ error: { code: 'E_UNKNOWN_ADDRESSEE' }, errorPath: 'addressees[1]' });
  });

  test('answers bytes that are not a notice with E_DECODE', () => {
    expect(previewDraft(new Uint8Array([0xff, 0xff, 0xff]), 'it-police', registry, policy).error?.code).toBe('E_DECODE');
  });

  test('shows a protected witness withheld from a prosecutor on the route who is not addressed', () => {
    const prosecutor = (caveats: v1.Caveat[]) =>
      previewDraft(encodeNotice(draft({ tlp: v1.Tlp.AMBER, caveats })), 'it-police', registry, policy).agencies?.find(
        (a) => a.agency === 'it-prosecutor',
      )?.categories;
    expect(prosecutor([])).toContain('witness.identity');
    expect(prosecutor([v1.Caveat.WITNESS_PROTECTION])).not.toContain('witness.identity');
  });
});

describe('agencyDirectory', () => {
  test('lists each agency’s id, country, role and groups, and nothing of its keys', () => {
    expect(agencyDirectory(AGENCIES).agencies?.[0]).toEqual({ id: 'gr-police', country: 'GR', role: 'police', groups: ['med'] });
  });
});
