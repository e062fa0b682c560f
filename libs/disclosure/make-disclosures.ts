import { hash, randomBytes } from 'node:crypto';
import { v1, type CaseNoticeProps } from '../proto/index.js';
import { paddedSortedDigests } from './manifest-digests.js';
import { coreOf } from './notice-core.js';
import { layOut, summaryPieces, type ElementIds, type LaidOutElement } from './notice-layout.js';
import { witnessFree } from './witness-free.js';

export const SALT_BYTES = 16;

/** A random element id: 128 bits, base64url. */
export function randomElementId(): string {
  return randomBytes(16).toString('base64url');
}

function disclose(e: LaidOutElement): Uint8Array {
  // A fresh salt for every disclosure: never reused, never derived from the value.
  return v1.Disclosure.encode({ salt: randomBytes(SALT_BYTES), path: e.path, ...e.value }).finish();
}

export interface DisclosedSubmission {
  manifest: Uint8Array;
  disclosures: Uint8Array[];
  /** Under WITNESS_PROTECTION: the ProtectedManifest and the disclosures it covers. */
  protected?: { manifest: Uint8Array; disclosures: Uint8Array[] };
}

function idsFor(notice: CaseNoticeProps): ElementIds {
  const ids = (list: readonly unknown[] | null | undefined): string[] => (list ?? []).map(() => randomElementId());
  return {
    persons: ids(notice.persons),
    conveyances: ids(notice.conveyances),
    financial: ids(notice.financial),
    locations: ids(notice.locations),
    relations: ids(notice.relations),
  };
}

/**
 * The originator's side: every disclosable element of the notice becomes a salted
 * disclosure under a random id, and the manifest holds the notice's core and the
 * disclosures' digests, padded with decoys. A summary with markup also travels as a
 * template and tagged spans, so that each recipient's text can be rendered from what it
 * may see. Under WITNESS_PROTECTION the manifest covers the notice as it reads without its
 * witnesses, and a protected manifest bound to it covers what differs with them
 * (docs/wire-format.md). Throws E_SCHEMA for markup that names nothing.
 */
export function discloseNotice(notice: CaseNoticeProps): DisclosedSubmission {
  const ids = idsFor(notice);
  const pieces = summaryPieces(notice, randomElementId);
  const core = coreOf(notice);
  if (!(notice.caveats ?? []).includes(v1.Caveat.WITNESS_PROTECTION)) {
    const disclosures = layOut(notice, pieces, ids).map(disclose);
    return { manifest: v1.NoticeManifest.encode({ core, digests: paddedSortedDigests(disclosures) }).finish(), disclosures };
  }
  const layers = witnessFree(notice, pieces, randomElementId);
  const full = layOut(notice, layers.fullPieces ?? pieces, ids);
  const main = layOut(layers.notice, layers.mainPieces, ids, (i) => !layers.witnesses.has(i));
  const disclosures = main.map(disclose);
  const manifest = v1.NoticeManifest.encode({ core, digests: paddedSortedDigests(disclosures) }).finish();
  const mainValues = new Map(main.map((e) => [e.path, JSON.stringify(e.value)]));
  const protectedDisclosures = full.filter((e) => mainValues.get(e.path) !== JSON.stringify(e.value)).map(disclose);
  const protectedManifest = v1.ProtectedManifest.encode({
    noticeId: core.noticeId ?? '',
    manifestDigest: hash('sha256', manifest, 'buffer'),
    digests: paddedSortedDigests(protectedDisclosures),
  }).finish();
  return { manifest, disclosures, protected: { manifest: protectedManifest, disclosures: protectedDisclosures } };
}
