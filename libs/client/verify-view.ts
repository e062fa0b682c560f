import type { CryptoKey } from 'jose';
import { decodeManifest, decodeProtectedManifest, digestSet, openCovered, type DisclosedNotice } from '../disclosure/index.js';
import { AccordError, errorMessage, isAccordError } from '../errors/index.js';
import { v1, type ViewElement } from '../proto/index.js';
import { inspectDetached, NOTICE_TYP, PROTECTED_TYP, RELEASE_TYP, VIEW_TYP, verifyDetached } from '../signing/index.js';
import { checkRenderedSummary } from './check-rendered-summary.js';

export interface BusVerificationKey {
  kid: string;
  key: CryptoKey;
}

/** Finds an originating agency's public key by kid (the registry keeps superseded ones). */
export type OriginatorKeys = (kid: string) => Promise<CryptoKey | undefined>;

/** A view whose every value has been checked: originals against the originator, derived against the bus. */
export interface VerifiedView {
  view: v1.DeliveredView;
  /** Original elements (from the disclosures) and derived ones, by path. */
  elements: ViewElement[];
  /**
   * Whose words the summary is: the originator's own text; the originator's template
   * rendered from this view (checked); or the bus's alone, where it had to scrub.
   */
  summarySource?: 'originator' | 'template' | 'bus';
}

function invalid(what: string, path?: string, cause?: unknown): AccordError {
  return new AccordError('E_VIEW_INVALID', `view refused: ${what}`, {
    ...(path ? { path } : {}),
    ...(cause === undefined ? {} : { cause }),
  });
}

const RECIPIENT_CODES = { malformed: 'E_VIEW_INVALID', unsigned: 'E_VIEW_INVALID' } as const;

/**
 * The original elements as view elements, each under the category the bus says it was
 * granted for. A summary's template and spans are not among them: they are what the
 * rendered summary was checked against, and the reader reads that.
 */
function originals(disclosed: DisclosedNotice, categories: Map<string, string>): ViewElement[] {
  const element = (path: string, id: string, value: Partial<ViewElement>): ViewElement =>
    v1.ViewElement.create({ id, path, category: categories.get(path) ?? '', derived: false, ...value });
  return [
    ...disclosed.persons.flatMap((p) => [
      element(p.profile.path, p.id, { personProfile: p.profile.value }),
      ...(p.identity ? [element(p.identity.path, p.id, { personIdentity: p.identity.value })] : []),
    ]),
    ...disclosed.conveyances.map((c) => element(c.path, c.id, { conveyance: c.value })),
    ...disclosed.financial.map((f) => element(f.path, f.id, { financial: f.value })),
    ...disclosed.locations.map((l) => element(l.path, l.id, { location: l.value })),
    ...(disclosed.summary ? [element('summary', 'summary', { summary: disclosed.summary.value })] : []),
    ...disclosed.relations.map((r) => element(r.path, r.id, { relation: r.value })),
  ];
}

/** The originator's signatures over its manifests (and the protected one), with its key from the registry. */
async function verifyOriginator(view: v1.DeliveredView, originatorKeys: OriginatorKeys): Promise<void> {
  try {
    const header = inspectDetached(view.manifestJws, NOTICE_TYP);
    if (header.kid !== view.signerKid) throw invalid(`the manifest is signed by ${header.kid}, the view names ${view.signerKid}`);
    const key = await originatorKeys(header.kid);
    if (!key) throw invalid(`the originator's key ${header.kid} is not in the registry`);
    await verifyDetached(header, view.manifest, key);
    if (view.protectedManifest.length > 0) {
      const protectedHeader = inspectDetached(view.protectedManifestJws, PROTECTED_TYP);
      if (protectedHeader.kid !== header.kid)
        throw invalid(`the protected manifest is signed by ${protectedHeader.kid}, the manifest by ${header.kid}`);
      await verifyDetached(protectedHeader, view.protectedManifest, key);
    }
  } catch (error) {
    // A registry that did not answer says nothing of the view: it is verified again later.
    if (isAccordError(error) && (error.code === 'E_VIEW_INVALID' || error.retryable)) throw error;
    throw invalid(`originator signature: ${errorMessage(error)}`, undefined, error);
  }
}

/**
 * Checks a delivered view before anything in it is believed. The bus's signature covers
 * the whole view, so every derived value (pseudonyms, coarse locations, the scrubbed
 * summary) is the bus's word. Every original value must be a disclosure covered by the
 * manifest the originating agency signed, and every element the bus says it granted must
 * be there: the bus can withhold, never alter or invent. Errors name the path.
 */
export function verifySignedView(
  bytes: Uint8Array,
  bus: BusVerificationKey,
  recipient: string,
  originatorKeys: OriginatorKeys,
): Promise<VerifiedView> {
  return verifyView(bytes, bus, recipient, originatorKeys);
}

/**
 * Every check of verifySignedView but one: the originating agency's signature over its
 * manifests is not verified, so the originals are the bus's word (the bus checked that
 * signature at ingest, and signed the manifest into the view). For a reader that cannot
 * look the originators' keys up in the registry, such as `accord inbox --node`, which
 * reads over HTTP from a node that did verify it: what it shows is what the bus signed
 * for this recipient, nothing the node or the transport changed.
 */
export function verifyBusSignedView(bytes: Uint8Array, bus: BusVerificationKey, recipient: string): Promise<VerifiedView> {
  return verifyView(bytes, bus, recipient, 'the-bus-vouches');
}

/**
 * A supplementary view carries the issuer's release: its consent, signed with its own
 * key, to give this recipient these categories of this notice. The view must be of that
 * notice, for this recipient, grant every released category (what it grants besides is
 * the bus's word, as in any view), and have been delivered before the release expired.
 */
async function verifySupplement(view: v1.DeliveredView, originatorKeys: OriginatorKeys | 'the-bus-vouches'): Promise<void> {
  const supplement = { requestId: '', release: new Uint8Array(), releaseJws: '', ...view.supplement };
  let release: v1.Release;
  try {
    release = v1.Release.decode(supplement.release ?? new Uint8Array());
  } catch (error) {
    throw invalid('the supplement carries no accord.v1.Release', 'supplement', error);
  }
  if (release.requestId !== supplement.requestId) throw invalid(`the release is for request ${release.requestId}`, 'supplement');
  if (release.noticeId !== view.core?.noticeId) throw invalid(`the release is for notice ${release.noticeId}`, 'supplement');
  if (release.recipient !== view.recipient) throw invalid(`the release is for ${release.recipient}`, 'supplement');
  const missing = release.categories.filter((c) => !view.grantedCategories.includes(c));
  if (missing.length > 0) throw invalid(`the released ${missing.join(', ')} are not granted in the view`, 'supplement');
  const expires = release.expiresAt ? Number(release.expiresAt.seconds) : 0;
  if (expires <= Number(view.receivedAt?.seconds ?? 0))
    throw invalid('the release had expired when the bus delivered the view', 'supplement');
  if (originatorKeys === 'the-bus-vouches') return;
  try {
    const header = inspectDetached(supplement.releaseJws ?? '', RELEASE_TYP);
    const key = await originatorKeys(header.kid);
    if (!key) throw invalid(`the release's key ${header.kid} is not in the registry`, 'supplement');
    await verifyDetached(header, supplement.release ?? new Uint8Array(), key);
  } catch (error) {
    if (isAccordError(error) && (error.code === 'E_VIEW_INVALID' || error.retryable)) throw error;
    throw invalid(`release signature: ${errorMessage(error)}`, 'supplement', error);
  }
}

/**
 * A tombstone is the bus's word alone (bus signature checked): it carries no content of
 * the notice it stands for, so nothing of the originator's is there to check, and nothing
 * else may be.
 */
function verifiedTombstone(view: v1.DeliveredView): VerifiedView {
  const t = view.tombstone ?? v1.Tombstone.create();
  const content = [
    view.core,
    view.signerKid,
    view.manifest.length > 0,
    view.manifestJws,
    view.disclosures.length > 0,
    view.elements.length > 0,
    view.granted.length > 0,
    view.withheld.length > 0,
    view.grantedCategories.length > 0,
    view.protectedManifest.length > 0,
    view.protectedManifestJws,
    view.supplement,
  ];
  if (content.some(Boolean)) throw invalid('a tombstone carries notice content', 'tombstone');
  if (t.kind !== v1.RelationKind.UPDATE && t.kind !== v1.RelationKind.WITHDRAWAL)
    throw invalid(`a tombstone of kind ${t.kind} (expected UPDATE or WITHDRAWAL)`, 'tombstone.kind');
  if (!t.byNoticeId || (t.noticeIds ?? []).length === 0) throw invalid('a tombstone names no notice', 'tombstone.noticeIds');
  return { view, elements: [] };
}

/** The recipient a SignedView names, read without verifying anything: to choose what to verify it against. */
export function viewRecipient(bytes: Uint8Array): string {
  try {
    return v1.DeliveredView.decode(v1.SignedView.decode(bytes).view).recipient;
  } catch (error) {
    throw invalid('not an accord.v1.SignedView holding a DeliveredView', undefined, error);
  }
}

async function verifyView(
  bytes: Uint8Array,
  bus: BusVerificationKey,
  recipient: string,
  originatorKeys: OriginatorKeys | 'the-bus-vouches',
): Promise<VerifiedView> {
  let signed: v1.SignedView;
  try {
    signed = v1.SignedView.decode(bytes);
  } catch (error) {
    throw invalid('not an accord.v1.SignedView', undefined, error);
  }
  if (signed.format !== 1) throw invalid(`SignedView format ${signed.format} is not supported`);
  try {
    const header = inspectDetached(signed.jws, VIEW_TYP);
    if (header.kid !== bus.kid) throw invalid(`signed by key ${header.kid}, not the bus key ${bus.kid}`);
    await verifyDetached(header, signed.view, bus.key);
  } catch (error) {
    throw invalid(`bus signature: ${errorMessage(error)}`, undefined, error);
  }
  let view: v1.DeliveredView;
  try {
    view = v1.DeliveredView.decode(signed.view);
  } catch (error) {
    throw invalid('the signed bytes are not a DeliveredView', undefined, error);
  }
  if (view.format !== 2) throw invalid(`DeliveredView format ${view.format} is not supported (expected 2)`);
  if (view.recipient !== recipient) throw invalid(`addressed to ${view.recipient}, not ${recipient}`);
  if (view.tombstone) return verifiedTombstone(view);

  // The originator's signatures over its manifests, with the originator's own key.
  if (originatorKeys !== 'the-bus-vouches') await verifyOriginator(view, originatorKeys);
  const manifest = decodeManifest(view.manifest, 'E_VIEW_INVALID');
  const core = Buffer.from(v1.NoticeCore.encode(view.core ?? {}).finish());
  if (!core.equals(Buffer.from(v1.NoticeCore.encode(manifest.core ?? {}).finish())))
    throw invalid("the core differs from the originator's", 'core');

  // A disclosure is the originator's if either of its manifests covers it.
  const digests = manifest.digests.slice();
  if (view.protectedManifest.length > 0)
    digests.push(
      ...decodeProtectedManifest(view.protectedManifest, view.manifest, manifest.core?.noticeId ?? '', 'E_VIEW_INVALID').digests,
    );
  const disclosed = openCovered(manifest.core ?? {}, digestSet(digests), view.disclosures, RECIPIENT_CODES);
  const claimed = new Map(view.granted.map((g) => [g.path ?? '', g.category ?? '']));
  const disclosedPaths = new Set(view.disclosures.map((d) => v1.Disclosure.decode(d).path));
  for (const path of claimed.keys())
    if (!disclosedPaths.has(path)) throw invalid(`${path} is said to be granted but its disclosure is missing`, path);
  for (const path of disclosedPaths) if (!claimed.has(path)) throw invalid(`${path} is disclosed without being listed as granted`, path);
  if (claimed.size !== view.granted.length) throw invalid('an element is listed as granted twice');

  if (view.supplement) await verifySupplement(view, originatorKeys);
  const fromTemplate = checkRenderedSummary(disclosed, view);
  const elements = [...originals(disclosed, claimed), ...view.elements.map((e) => v1.ViewElement.create(e))].sort((a, b) =>
    (a.path ?? '').localeCompare(b.path ?? ''),
  );
  const derivedSummary = view.elements.some((e) => e.path === 'summary' && e.derived);
  const summarySource =
    disclosed.summary && !disclosed.summaryTemplate ? 'originator' : fromTemplate ? 'template' : derivedSummary ? 'bus' : undefined;
  return summarySource ? { view, elements, summarySource } : { view, elements };
}
