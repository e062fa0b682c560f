import type { DisclosedElement, DisclosedNotice, OpenedSubmission } from '../disclosure/index.js';
import type { Category } from '../notice/index.js';
import { v1, type DeliveredView, type Timestamp, type ViewElement } from '../proto/index.js';
import { keyedDigest } from '../signing/index.js';
import { identifierCategoryFor } from './identifier-category.js';
import { identityCategory, personOf } from './identity-category.js';
import { missingIdentityCategory, noticeValues } from './notice-values.js';
import { identityKey, pseudonym } from './pseudonym.js';
import { scrubText, type ScrubContext } from './scrub-text.js';
import { fillPseudonymSlots, pseudonymSlot, summaryView } from './summary-view.js';

/** The signed submission a view carries so its recipient can check the originator's signatures. */
export interface SignedParts {
  manifest: Uint8Array;
  manifestJws: string;
  /** Under WITNESS_PROTECTION: the protected manifest and its JWS. */
  protectedManifest?: Uint8Array;
  protectedJws?: string;
}

/** What a view depends on but its recipient: the same for every recipient of one grant set. */
export interface TemplateInput {
  notice: OpenedSubmission;
  signed: SignedParts;
  signerKid: string;
  granted: ReadonlySet<Category>;
  ruleIds: readonly string[];
  policyVersion: string;
  receivedAt: Timestamp;
  /** The bus secret keying the ids of derived elements. */
  secret: Uint8Array;
  /** Size of the grid precise locations are coarsened to (degrees); default 1. */
  gridDegrees?: number;
  /** The earlier notices whose relations (relations/<id>) these recipients may see named: those they received or issued. */
  relatedNoticeIds?: ReadonlySet<string>;
}

/** What a view's `granted` and `withheld` say of a relation: not a policy category, the engine's rule alone decides it. */
export const RELATION_CATEGORY = 'relation';

export interface ViewInput extends TemplateInput {
  recipient: string;
  /** The key of pseudonyms (rotatable apart from the bus secret). */
  pseudonymKey: Uint8Array;
}

export interface BuiltView {
  view: DeliveredView;
  /** Categories of which something was withheld, including what leaves no trace. */
  withheldCategories: Category[];
}

/** A grant set's view without its recipient: redaction and scrubbing are done once per set. */
export interface ViewTemplate {
  input: TemplateInput;
  elements: ViewElement[];
  granted: v1.GrantedElement[];
  disclosures: Uint8Array[];
  withheld: v1.WithheldElement[];
  withheldCategories: Category[];
  /** Persons whose profile is shown: each gets a per-recipient pseudonym, slot i in derived text. */
  pseudonymSlots: { id: string; person: string; path: string; identity: string }[];
  /** The protected manifest and its JWS, for a recipient granted the protected witnesses. */
  protectedParts?: { manifest: Uint8Array; jws: string };
}

/** The id of a value the bus derives from an original element: keyed, so it reveals nothing. */
function derivedId(secret: Uint8Array, noticeId: string, path: string, what: string): string {
  return keyedDigest(secret, 'accord/derived-id', noticeId, path, what).subarray(0, 16).toString('base64url');
}

type Scrub = (text: string) => ReturnType<typeof scrubText>;

/** The free-text fields of a granted element, scrubbed; undefined when none needed it. */
function scrubbedElement<T extends object>(
  value: T,
  fields: readonly (keyof T)[],
  scrubOnce: Scrub,
): { value: T; counts: Map<Category, number> } | undefined {
  const copy = { ...value };
  const counts = new Map<Category, number>();
  for (const field of fields) {
    const text = value[field];
    if (typeof text !== 'string' || !text) continue;
    const scrubbed = scrubOnce(text);
    for (const [c, n] of scrubbed.counts) counts.set(c, (counts.get(c) ?? 0) + n);
    (copy as Record<keyof T, unknown>)[field] = scrubbed.text;
  }
  return counts.size > 0 ? { value: copy, counts } : undefined;
}

/**
 * A grant set's view of a notice (docs/redaction.md): granted original elements passed on
 * as the originator's disclosures (bytes untouched), the rest listed by path, category and
 * count, never by value; free text rendered and scrubbed. Under WITNESS_PROTECTION a
 * recipient without `witness.identity` is built from the layer without witnesses, so its
 * view is what it would be had there been none.
 */
export function buildViewTemplate(input: TemplateInput): ViewTemplate {
  const { granted, secret } = input;
  const core = input.notice.main.core;
  const noticeId = core.noticeId ?? '';
  const grid = input.gridDegrees ?? 1;
  const coarse = (value: number): number => Math.floor(value / grid) * grid;
  const protectedWitnesses = (core.caveats ?? []).includes(v1.Caveat.WITNESS_PROTECTION);
  const seesWitnesses = !protectedWitnesses || granted.has('witness.identity');
  const layer: DisclosedNotice = seesWitnesses ? input.notice.full : input.notice.main;
  const elements: ViewElement[] = [];
  const grantedElements: v1.GrantedElement[] = [];
  const disclosures: Uint8Array[] = [];
  const withheld: v1.WithheldElement[] = [];
  const withheldCategories = new Set<Category>();
  const withheldPaths = new Map<string, Category[]>();
  const pseudonymSlots: ViewTemplate['pseudonymSlots'] = [];
  const scrub: ScrubContext = { values: noticeValues(layer, granted), identifierCategory: identifierCategoryFor(granted, !seesWitnesses) };
  // The same short texts recur within a notice (a document kind "passport" per person).
  const scrubbedTexts = new Map<string, ReturnType<typeof scrubText>>();
  const scrubOnce: Scrub = (text) => {
    let result = scrubbedTexts.get(text);
    if (!result) scrubbedTexts.set(text, (result = scrubText(text, scrub)));
    return result;
  };

  const pass = (element: DisclosedElement<unknown>, category: Category): void => {
    grantedElements.push(v1.GrantedElement.create({ path: element.path, category }));
    disclosures.push(element.bytes);
  };
  const derive = (path: string, category: Category, value: Partial<ViewElement>): void => {
    elements.push(v1.ViewElement.create({ id: derivedId(secret, noticeId, path, 'value'), category, path, derived: true, ...value }));
  };
  const withhold = (path: string, category: Category, count = 1): void => {
    withheld.push(v1.WithheldElement.create({ path, category, count }));
    withheldCategories.add(category);
    withheldPaths.set(
      path,
      [...(withheldPaths.get(path) ?? []), category].sort((a, b) => a.localeCompare(b)),
    );
  };
  /** A granted element whose free text names what the recipient may not see travels scrubbed, on the bus's word. */
  const passOrScrub = <T extends object>(
    element: DisclosedElement<T>,
    category: Category,
    fields: readonly (keyof T)[],
    as: keyof ViewElement,
  ): void => {
    const scrubbed = scrubbedElement(element.value, fields, scrubOnce);
    if (!scrubbed) return pass(element, category);
    derive(element.path, category, { [as]: scrubbed.value });
    for (const [c, n] of scrubbed.counts) withhold(element.path, c, n);
  };

  /** An identity's free text, each document's kind ("laissez-passer obtained through ..."), may name someone else. */
  const passOrScrubIdentity = (element: DisclosedElement<v1.PersonIdentity.$Properties>, category: Category): void => {
    const documents = (element.value.documents ?? []).map((d) => scrubbedElement(d, ['kind'], scrubOnce));
    if (documents.every((d) => !d)) return pass(element, category);
    derive(element.path, category, {
      personIdentity: { ...element.value, documents: (element.value.documents ?? []).map((d, i) => documents[i]?.value ?? d) },
    });
    for (const d of documents) for (const [c, k] of d?.counts ?? []) withhold(element.path, c, k);
  };

  if (!seesWitnesses && input.notice.full.persons.length > input.notice.main.persons.length) withheldCategories.add('witness.identity');
  for (const p of layer.persons) {
    const person = personOf(p);
    const base = `persons/${p.id}`;
    if (granted.has('person.profile')) {
      pass(p.profile, 'person.profile');
      pseudonymSlots.push({
        id: derivedId(secret, noticeId, base, 'pseudonym'),
        person: p.id,
        path: `${base}/pseudonym`,
        identity: identityKey(person, `${noticeId}/${p.id}`),
      });
    } else {
      withhold(p.profile.path, 'person.profile');
    }
    if (!p.identity) continue;
    const missing = missingIdentityCategory(person, granted);
    if (missing) withhold(p.identity.path, missing);
    else passOrScrubIdentity(p.identity, identityCategory(person.role));
  }
  for (const c of layer.conveyances) {
    if (granted.has('conveyance')) passOrScrub(c, 'conveyance', ['identifier'], 'conveyance');
    else withhold(c.path, 'conveyance');
  }
  for (const f of layer.financial) {
    if (granted.has('financial')) passOrScrub(f, 'financial', ['account', 'institution', 'counterparty'], 'financial');
    else withhold(f.path, 'financial');
  }
  for (const l of layer.locations) {
    if (granted.has('location.precise')) {
      passOrScrub(l, 'location.precise', ['label'], 'location');
      continue;
    }
    withhold(l.path, 'location.precise');
    const coarseLocation: v1.CoarseLocation.$Properties = {
      lat: coarse(l.value.lat ?? 0),
      lon: coarse(l.value.lon ?? 0),
      gridDegrees: grid,
    };
    if (l.value.observedAt) coarseLocation.observedAt = l.value.observedAt;
    derive(`${l.path}/coarse`, 'core', { coarseLocation });
  }

  const slotOf = new Map(pseudonymSlots.map((s, i) => [s.person, pseudonymSlot(i)]));
  const summary = summaryView({
    layer,
    granted,
    scrub,
    withheldCategory: (path) => withheldPaths.get(path)?.[0],
    pseudonymSlot: (id) => slotOf.get(id),
  });
  for (const p of summary.passed) pass(p.element, p.category);
  if (summary.derived !== undefined) derive('summary', 'summary', { summary: summary.derived });
  for (const w of summary.withheld) withhold(w.path, w.category, w.count);
  // A relation names an earlier notice only to those that received it; to the others, that there is one.
  for (const r of layer.relations) {
    if (input.relatedNoticeIds?.has(r.value.noticeId ?? '')) {
      grantedElements.push(v1.GrantedElement.create({ path: r.path, category: RELATION_CATEGORY }));
      disclosures.push(r.bytes);
    } else withheld.push(v1.WithheldElement.create({ path: r.path, category: RELATION_CATEGORY, count: 1 }));
  }

  withheld.sort((a, b) => a.path.localeCompare(b.path) || a.category.localeCompare(b.category));
  const template: ViewTemplate = {
    input,
    elements,
    granted: grantedElements,
    disclosures,
    withheld,
    withheldCategories: [...withheldCategories].sort(),
    pseudonymSlots,
  };
  if (protectedWitnesses && seesWitnesses && input.signed.protectedManifest)
    template.protectedParts = { manifest: input.signed.protectedManifest, jws: input.signed.protectedJws ?? '' };
  return template;
}

/** The recipient's own view from its grant set's template: its name and its pseudonyms. */
export function personaliseView(template: ViewTemplate, recipient: string, pseudonymKey: Uint8Array): BuiltView {
  const { input } = template;
  const core = input.notice.main.core;
  const names = template.pseudonymSlots.map((slot) =>
    pseudonym(pseudonymKey, recipient, core.issuingAgency ?? '', core.caseRef ?? '', slot.identity),
  );
  const pseudonyms = template.pseudonymSlots.map((slot, i) =>
    v1.ViewElement.create({ id: slot.id, category: 'person.profile', path: slot.path, derived: true, pseudonym: names[i] ?? '' }),
  );
  const elements = template.elements.map((e) =>
    // oxlint-disable-next-line typescript/no-misused-spread -- a decoded protobufjs message holds its fields as own properties: spreading it copies them, which is all create() and encode() need
    e.summary ? v1.ViewElement.create({ ...e, summary: fillPseudonymSlots(e.summary, names) }) : e,
  );
  const view = v1.DeliveredView.create({
    format: 2,
    recipient,
    core,
    signerKid: input.signerKid,
    elements: [...elements, ...pseudonyms].sort((a, b) => a.path.localeCompare(b.path)),
    withheld: template.withheld,
    grantedCategories: [...input.granted].sort(),
    policyVersion: input.policyVersion,
    ruleIds: [...input.ruleIds],
    receivedAt: input.receivedAt,
    manifest: input.signed.manifest,
    manifestJws: input.signed.manifestJws,
    disclosures: template.disclosures,
    granted: template.granted,
    ...(template.protectedParts
      ? { protectedManifest: template.protectedParts.manifest, protectedManifestJws: template.protectedParts.jws }
      : {}),
  });
  return { view, withheldCategories: template.withheldCategories };
}

/** A single recipient's view (template and personalisation in one). */
export function buildView(input: ViewInput): BuiltView {
  return personaliseView(buildViewTemplate(input), input.recipient, input.pseudonymKey);
}
