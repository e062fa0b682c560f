import { randomBytes } from 'node:crypto';
import { v1, type CaseNoticeProps } from '../proto/index.js';
import { paddedSortedDigests } from './manifest-digests.js';
import { coreOf } from './notice-core.js';

export const SALT_BYTES = 16;

/** A random element id: 128 bits, base64url. */
export function randomElementId(): string {
  return randomBytes(16).toString('base64url');
}

function disclose(path: string, value: Partial<v1.Disclosure.$Properties>): Uint8Array {
  // A fresh salt for every disclosure: never reused, never derived from the value.
  return v1.Disclosure.encode({ salt: randomBytes(SALT_BYTES), path, ...value }).finish();
}

export interface DisclosedSubmission {
  manifest: Uint8Array;
  disclosures: Uint8Array[];
}

/**
 * The originator's side: every disclosable element of the notice becomes a salted
 * disclosure under a random id, and the manifest holds the notice's core and the
 * disclosures' digests, padded with decoys. The adapter signs the manifest.
 */
export function discloseNotice(notice: CaseNoticeProps): DisclosedSubmission {
  const disclosures: Uint8Array[] = [];
  for (const p of notice.persons ?? []) {
    const base = `persons/${randomElementId()}`;
    const profile: v1.PersonProfile.$Properties = { role: p.role ?? 0, nationality: p.nationality ?? '', unaccompanied: p.unaccompanied ?? false };
    if (p.minor !== undefined && p.minor !== null) profile.minor = p.minor;
    disclosures.push(disclose(`${base}/profile`, { personProfile: profile }));
    if (p.fullName || p.dateOfBirth || p.phone || (p.documents ?? []).length > 0) {
      disclosures.push(
        disclose(`${base}/identity`, {
          personIdentity: { fullName: p.fullName ?? '', dateOfBirth: p.dateOfBirth ?? '', phone: p.phone ?? '', documents: p.documents ?? [] },
        }),
      );
    }
  }
  for (const conveyance of notice.conveyances ?? []) disclosures.push(disclose(`conveyances/${randomElementId()}`, { conveyance }));
  for (const financial of notice.financial ?? []) disclosures.push(disclose(`financial/${randomElementId()}`, { financial }));
  for (const location of notice.locations ?? []) disclosures.push(disclose(`locations/${randomElementId()}`, { location }));
  if (notice.summary) disclosures.push(disclose('summary', { summary: notice.summary }));
  const manifest = v1.NoticeManifest.encode({ core: coreOf(notice), digests: paddedSortedDigests(disclosures) }).finish();
  return { manifest, disclosures };
}
