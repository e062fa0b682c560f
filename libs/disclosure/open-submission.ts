import { hash } from 'node:crypto';
import { AccordError, type AccordErrorCode } from '../errors/index.js';
import { v1 } from '../proto/index.js';
import type { DisclosedNotice, OpenedSubmission } from './disclosed-notice.js';
import { digestSet } from './manifest-digests.js';
import { decodeManifest, openCovered, openDisclosures, type OpenCodes } from './open-disclosures.js';

/** The signed parts of a submission (or of a view), bytes as the originator made them. */
export interface SubmissionParts {
  manifest: Uint8Array;
  disclosures: readonly Uint8Array[];
  protectedManifest?: Uint8Array | null | undefined;
  protectedDisclosures?: readonly Uint8Array[] | null | undefined;
}

/**
 * Decodes a protected manifest, insisting on its canonical encoding and on its binding to
 * the notice's manifest (same notice id, SHA-256 of its exact bytes).
 */
export function decodeProtectedManifest(
  bytes: Uint8Array,
  manifest: Uint8Array,
  noticeId: string,
  code: AccordErrorCode,
): v1.ProtectedManifest {
  let decoded: v1.ProtectedManifest;
  try {
    decoded = v1.ProtectedManifest.decode(bytes);
  } catch (error) {
    throw new AccordError(code, `the protected manifest is not an accord.v1.ProtectedManifest: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!Buffer.from(v1.ProtectedManifest.encode(decoded).finish()).equals(Buffer.from(bytes)))
    throw new AccordError(code, 'the protected manifest is not in canonical protobuf encoding');
  if (decoded.digests.some((d) => d.length !== 32)) throw new AccordError(code, 'a protected manifest digest is not 32 bytes');
  if (decoded.noticeId !== noticeId)
    throw new AccordError(code, `the protected manifest is for notice ${decoded.noticeId}, not ${noticeId}`);
  if (!Buffer.from(decoded.manifestDigest).equals(hash('sha256', manifest, 'buffer')))
    throw new AccordError(code, "the protected manifest is bound to another notice's manifest");
  return decoded;
}

/** The main layer with the protected one over it: elements at the same path replaced, others added. */
function overlay(main: DisclosedNotice, extra: DisclosedNotice): DisclosedNotice {
  const byPath = <T extends { path: string }>(base: readonly T[], over: readonly T[]): T[] => [
    ...base.filter((b) => !over.some((o) => o.path === b.path)),
    ...over,
  ];
  const persons = [...main.persons.filter((p) => !extra.persons.some((e) => e.id === p.id)), ...extra.persons];
  const full: DisclosedNotice = {
    core: main.core,
    persons,
    conveyances: byPath(main.conveyances, extra.conveyances),
    financial: byPath(main.financial, extra.financial),
    locations: byPath(main.locations, extra.locations),
    summarySpans: byPath(main.summarySpans, extra.summarySpans),
    relations: byPath(main.relations, extra.relations),
  };
  const summary = extra.summary ?? main.summary;
  const template = extra.summaryTemplate ?? main.summaryTemplate;
  if (summary) full.summary = summary;
  if (template) full.summaryTemplate = template;
  return full;
}

/**
 * Opens a submission's disclosures against its manifests: the main layer against the
 * manifest, and under WITNESS_PROTECTION the protected layer against the protected manifest.
 */
export function openSubmission(parts: SubmissionParts, codes: OpenCodes): OpenedSubmission {
  const manifest = decodeManifest(parts.manifest, codes.malformed);
  const main = openDisclosures(manifest, parts.disclosures, codes);
  if (!parts.protectedManifest || parts.protectedManifest.length === 0) {
    if ((parts.protectedDisclosures ?? []).length > 0)
      throw new AccordError(codes.malformed, 'protected disclosures without a protected manifest');
    return { main, full: main };
  }
  const p = decodeProtectedManifest(parts.protectedManifest, parts.manifest, main.core.noticeId ?? '', codes.malformed);
  const profiles = new Map(main.persons.map((person) => [person.id, person.profile]));
  const extra = openCovered(main.core, digestSet(p.digests), parts.protectedDisclosures ?? [], codes, profiles);
  return { main, full: overlay(main, extra) };
}
