import { hash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { discloseNotice, openSubmission, SUBMISSION_CODES, toCaseNotice, type DisclosedSubmission } from '../../libs/disclosure/index.js';
import { isAccordError } from '../../libs/errors/index.js';
import { checkFreeText } from '../../libs/ingest/index.js';
import { validateNotice } from '../../libs/notice/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const WP = v1.Caveat.WITNESS_PROTECTION;

/** What ingest's free-text check says of a submission's parts: undefined, or the error's code and path. */
function verdict(d: DisclosedSubmission): { code: string; path: string | undefined } | undefined {
  const opened = openSubmission(
    {
      manifest: d.manifest,
      disclosures: d.disclosures,
      protectedManifest: d.protected?.manifest,
      protectedDisclosures: d.protected?.disclosures,
    },
    SUBMISSION_CODES,
  );
  try {
    checkFreeText(opened, toCaseNotice(opened.full), d.protected !== undefined);
    return undefined;
  } catch (error) {
    if (isAccordError(error)) return { code: error.code, path: error.path };
    throw error;
  }
}

/** The notice's parts with WITNESS_PROTECTION written into the signed core, as an adapter of an older SDK would. */
function withCaveatAfterTheFact(notice: CaseNoticeProps): DisclosedSubmission {
  const d = discloseNotice({ ...notice, caveats: [] });
  const manifest = v1.NoticeManifest.decode(d.manifest);
  manifest.core = { ...manifest.core, caveats: [WP] };
  return { manifest: v1.NoticeManifest.encode(manifest).finish(), disclosures: d.disclosures };
}

/** An empty protected manifest bound to the submission's manifest, as a hand-made adapter might send. */
function withEmptyProtected(d: DisclosedSubmission): DisclosedSubmission {
  const manifest = v1.ProtectedManifest.encode({
    noticeId: v1.NoticeManifest.decode(d.manifest).core?.noticeId ?? '',
    manifestDigest: hash('sha256', d.manifest, 'buffer'),
    digests: Array.from({ length: 32 }, (_, i) => Buffer.alloc(32, i)),
  }).finish();
  return { ...d, protected: { manifest, disclosures: [] } };
}

describe('ingest checks what the signatures cannot say about free text and protected witnesses', () => {
  test('a summary template naming an element the notice does not have is E_SCHEMA at summary', () => {
    const d = discloseNotice(sampleNotice('it-police', { summary: 'Skipper {{persons[0]}} left.' }));
    const forged = d.disclosures.map((bytes) => {
      const disclosure = v1.Disclosure.decode(bytes);
      return disclosure.summaryTemplate
        ? // oxlint-disable-next-line typescript/no-misused-spread -- a decoded protobufjs message holds its fields as own properties: spreading it copies them, which is all create() and encode() need
          v1.Disclosure.encode({ ...disclosure, summaryTemplate: 'Skipper {{persons/AAAAAAAAAAAAAAAAAAAAAA}} left.' }).finish()
        : bytes;
    });
    const manifest = v1.NoticeManifest.decode(d.manifest);
    manifest.digests = forged.map((f) => hash('sha256', f, 'buffer'));
    while (manifest.digests.length < 32) manifest.digests.push(Buffer.alloc(32, manifest.digests.length));
    manifest.digests.sort((a, b) => Buffer.compare(a, b));
    expect(verdict({ manifest: v1.NoticeManifest.encode(manifest).finish(), disclosures: forged })).toEqual({
      code: 'E_SCHEMA',
      path: 'summary',
    });
  });

  test('a notice as the SDK makes it, markup and WITNESS_PROTECTION included, passes', () => {
    const notice = sampleNotice('it-police', {
      caveats: [WP],
      summary: '{{persons[0]}} took {{persons[1]}} aboard; {{persons[2]}} saw it.',
    });
    expect(verdict(discloseNotice(notice))).toBeUndefined();
  });

  test('WITNESS_PROTECTION without a protected manifest is E_SCHEMA at caveats', () => {
    expect(verdict(withCaveatAfterTheFact(sampleNotice('it-police')))).toEqual({ code: 'E_SCHEMA', path: 'caveats' });
  });

  test('a protected manifest on a notice without WITNESS_PROTECTION is E_SCHEMA at caveats', () => {
    expect(verdict(withEmptyProtected(discloseNotice(sampleNotice('it-police'))))).toEqual({ code: 'E_SCHEMA', path: 'caveats' });
  });

  test('a witness in the main manifest of a WITNESS_PROTECTION notice is E_SCHEMA naming the witness profile', () => {
    expect(verdict(withEmptyProtected(withCaveatAfterTheFact(sampleNotice('it-police'))))).toMatchObject({
      code: 'E_SCHEMA',
      path: expect.stringMatching(/^persons\/.+\/profile$/),
    });
  });
});

describe('caseRef carries no personal value', () => {
  test.each([
    ['a surname', 'IT-PA-2026-HADDAD', 'persons[0].fullName'],
    ['a surname in other letters', 'OP-Хаддад-7', 'persons[0].fullName'],
    ['a document number', 'CASE-LY4455667', 'persons[0].documents[0].number'],
    ['the digits of a phone', 'REF 915550101', 'persons[0].phone'],
  ])('a caseRef with %s is E_SCHEMA at caseRef, naming the field and not the value', (_what, caseRef, field) => {
    const attempt = () => validateNotice(sampleNotice('it-police', { caseRef }));
    expect(attempt).toThrow(expect.objectContaining({ code: 'E_SCHEMA', path: 'caseRef' }));
    try {
      attempt();
    } catch (error) {
      expect(String((error as Error).message)).toContain(field);
      expect(String((error as Error).message)).not.toContain(caseRef);
    }
  });

  test("a case reference of the agency's own numbering passes", () => {
    expect(() => validateNotice(sampleNotice('it-police', { caseRef: 'IT-PA-2026-0042' }))).not.toThrow();
  });
});
