import { base64url } from 'jose';
import { discloseNotice, openSubmission, SUBMISSION_CODES, type OpenedSubmission } from '../../libs/disclosure/index.js';
import { signDisclosed } from '../../libs/client/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import type { SignedParts } from '../../libs/redaction/index.js';
import type { SigningKey } from '../../libs/signing/index.js';

/** A SignedNotice around any parts, for submissions the SDK would never make. */
export function envelope(manifest: Uint8Array, jws: string, disclosures: Uint8Array[] = [], format = 2): Uint8Array {
  return v1.SignedNotice.encode({ format, jws, manifest, disclosures }).finish();
}

/** Signs a notice without checking it first (the SDK's signNotice refuses bad ones). */
export async function signUnchecked(notice: CaseNoticeProps, key: SigningKey): Promise<Uint8Array> {
  return signDisclosed(discloseNotice(notice), key);
}

/** A detached JWS with an arbitrary protected header and a made-up signature. */
export function forgedJws(header: Record<string, unknown>): string {
  return `${base64url.encode(JSON.stringify(header))}..${base64url.encode(new Uint8Array(64))}`;
}

/** A notice as its disclosures carry it, for redaction tests (the manifests left unsigned). */
export function disclosed(notice: CaseNoticeProps): { opened: OpenedSubmission; signed: SignedParts } {
  const d = discloseNotice(notice);
  const opened = openSubmission(
    {
      manifest: d.manifest,
      disclosures: d.disclosures,
      protectedManifest: d.protected?.manifest,
      protectedDisclosures: d.protected?.disclosures,
    },
    SUBMISSION_CODES,
  );
  const signed: SignedParts = {
    manifest: d.manifest,
    manifestJws: '',
    ...(d.protected ? { protectedManifest: d.protected.manifest, protectedJws: '' } : {}),
  };
  return { opened, signed };
}

/** The parts of a SignedNotice as redaction takes them: opened, and the signed bytes for the views. */
export function openedSigned(submission: v1.SignedNotice): { opened: OpenedSubmission; signed: SignedParts } {
  const opened = openSubmission(submission, SUBMISSION_CODES);
  const signed: SignedParts = { manifest: submission.manifest, manifestJws: submission.jws };
  if (submission.protectedManifest.length > 0)
    Object.assign(signed, { protectedManifest: submission.protectedManifest, protectedJws: submission.protectedJws });
  return { opened, signed };
}
