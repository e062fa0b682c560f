import { AccordError, type AccordErrorCode } from '../errors/index.js';
import { v1 } from '../proto/index.js';
import { ELEMENT_ID, type DisclosedElement, type DisclosedNotice, type DisclosedPerson } from './disclosed-notice.js';
import { digestSet, hasDigest } from './manifest-digests.js';

export interface OpenCodes {
  /** Bytes that do not decode, or paths that do not follow the format. */
  malformed: AccordErrorCode;
  /** A disclosure the signed manifest does not cover. */
  unsigned: AccordErrorCode;
}

/** Codes for a submission at ingest. */
export const SUBMISSION_CODES: OpenCodes = { malformed: 'E_DECODE', unsigned: 'E_SIGNATURE_INVALID' };

const PERSON_PATH = /^persons\/([^/]+)\/(profile|identity)$/;
const ELEMENT_PATH = /^(conveyances|financial|locations|summary\/spans|relations)\/([^/]+)$/;

/** Decodes a manifest, insisting on its canonical encoding (what was signed is what is read). */
export function decodeManifest(bytes: Uint8Array, code: AccordErrorCode): v1.NoticeManifest {
  let manifest: v1.NoticeManifest;
  try {
    manifest = v1.NoticeManifest.decode(bytes);
  } catch (error) {
    throw new AccordError(code, `the manifest is not an accord.v1.NoticeManifest: ${(error as Error).message}`, { cause: error });
  }
  if (!Buffer.from(v1.NoticeManifest.encode(manifest).finish()).equals(Buffer.from(bytes))) {
    throw new AccordError(code, 'the manifest is not in canonical protobuf encoding');
  }
  if (manifest.digests.some((d) => d.length !== 32)) throw new AccordError(code, 'a manifest digest is not 32 bytes');
  return manifest;
}

/**
 * Opens disclosures against a manifest: each must be covered by one of its digests, decode,
 * and sit at a well-formed path holding the kind of value the path says. Errors name the path.
 */
export function openDisclosures(manifest: v1.NoticeManifest, disclosures: readonly Uint8Array[], codes: OpenCodes): DisclosedNotice {
  return openCovered(manifest.core ?? {}, digestSet(manifest.digests), disclosures, codes);
}

/**
 * Opens disclosures each covered by one of `digests` (of one manifest, or of two).
 * `profiles` are those of another layer, for an identity disclosed here alone (a protected
 * layer's version of an identity whose profile is in the main one).
 */
export function openCovered(
  core: v1.NoticeCore.$Properties,
  digests: Set<string>,
  disclosures: readonly Uint8Array[],
  codes: OpenCodes,
  profiles: ReadonlyMap<string, DisclosedPerson['profile']> = new Map(),
): DisclosedNotice {
  const notice: DisclosedNotice = { core, persons: [], conveyances: [], financial: [], locations: [], summarySpans: [], relations: [] };
  const persons = new Map<string, Partial<DisclosedPerson>>();
  const seen = new Set<string>();
  disclosures.forEach((bytes, i) => {
    let d: v1.Disclosure;
    try {
      d = v1.Disclosure.decode(bytes);
    } catch (error) {
      throw new AccordError(codes.malformed, `disclosure ${i} does not decode: ${(error as Error).message}`, { cause: error });
    }
    const path = d.path;
    if (!hasDigest(digests, bytes))
      throw new AccordError(codes.unsigned, `the disclosure at ${path || `#${i}`} is not in the originator's manifest`, { path });
    if (d.salt.length < 16) throw new AccordError(codes.malformed, `the disclosure at ${path} has a salt shorter than 128 bits`, { path });
    if (seen.has(path)) throw new AccordError(codes.malformed, `two disclosures at ${path}`, { path });
    seen.add(path);
    const wrongValue = (): AccordError =>
      new AccordError(codes.malformed, `the disclosure at ${path} does not hold what its path says`, { path });
    const element = <T>(id: string, value: T | null | undefined): DisclosedElement<T> => {
      if (value === undefined || value === null) throw wrongValue();
      return { id, path, bytes, value };
    };
    const person = PERSON_PATH.exec(path);
    const other = ELEMENT_PATH.exec(path);
    if (person) {
      const [, id = '', part] = person;
      if (!ELEMENT_ID.test(id))
        throw new AccordError(codes.malformed, `${path}: element ids are 16 to 43 characters of base64url`, { path });
      const entry = persons.get(id) ?? { id };
      if (part === 'profile') entry.profile = element(id, d.personProfile);
      else entry.identity = element(id, d.personIdentity);
      persons.set(id, entry);
    } else if (other) {
      const [, kind, id = ''] = other;
      if (!ELEMENT_ID.test(id))
        throw new AccordError(codes.malformed, `${path}: element ids are 16 to 43 characters of base64url`, { path });
      if (kind === 'conveyances') notice.conveyances.push(element(id, d.conveyance));
      else if (kind === 'financial') notice.financial.push(element(id, d.financial));
      else if (kind === 'locations') notice.locations.push(element(id, d.location));
      else if (kind === 'relations') notice.relations.push(element(id, d.relation));
      else notice.summarySpans.push(element(id, d.summarySpan));
    } else if (path === 'summary') {
      notice.summary = element('summary', d.summary);
    } else if (path === 'summary/template') {
      notice.summaryTemplate = element('summary/template', d.summaryTemplate);
    } else {
      throw new AccordError(codes.malformed, `unknown disclosure path "${path}"`, { path });
    }
  });
  for (const [id, p] of persons) {
    const profile = p.profile ?? profiles.get(id);
    if (profile) p.profile = profile;
    if (!p.profile)
      throw new AccordError(codes.malformed, `persons/${id}/identity has no profile beside it`, { path: `persons/${id}/profile` });
    notice.persons.push(p as DisclosedPerson);
  }
  return notice;
}
