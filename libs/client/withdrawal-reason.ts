import { openSubmission, SUBMISSION_CODES, toCaseNotice } from '../disclosure/index.js';
import { personValueIn } from '../notice/index.js';
import { v1, type CaseNotice } from '../proto/index.js';
import type { SentStore } from './sent-store.js';

/** More versions than any case has: a kept copy that names itself cannot hold the check. */
const MAX_VERSIONS = 1000;

/**
 * The versions of a notice the agency kept, latest first: the notice and, through each
 * one's UPDATE relation, the one it updated, as far as copies were kept.
 */
export function keptVersions(
  sent: Pick<SentStore, 'get'> | ((noticeId: string) => Uint8Array | undefined),
  noticeId: string,
): CaseNotice[] {
  const kept = typeof sent === 'function' ? sent : (id: string) => sent.get(id);
  const versions: CaseNotice[] = [];
  const seen = new Set<string>();
  let id: string | undefined = noticeId;
  while (id && !seen.has(id) && seen.size < MAX_VERSIONS) {
    seen.add(id);
    const bytes = kept(id);
    if (!bytes) break;
    const signed = v1.SignedNotice.decode(bytes);
    const notice = toCaseNotice(openSubmission(signed, SUBMISSION_CODES).full);
    versions.push(notice);
    id = notice.relations.find((r) => r.kind === v1.RelationKind.UPDATE)?.noticeId ?? undefined;
  }
  return versions;
}

/**
 * Where a withdrawal's reason shows a value of a person of the notice it withdraws (a name
 * in any script, a date of birth, a phone or document number), in any kept version. The
 * reason reaches every recipient, those never granted that person's identity too, and the
 * bus no longer knows the notice's values to scrub them: the issuer, who does, checks.
 */
export function reasonNamesPerson(reason: string, versions: readonly CaseNotice[]): { noticeId: string; path: string } | undefined {
  for (const notice of versions) {
    const found = personValueIn(reason, notice, 3);
    if (found) return { noticeId: notice.noticeId, path: `persons[${found.person}].${found.field}` };
  }
  return undefined;
}
