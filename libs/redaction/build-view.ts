import type { DisclosedNotice, DisclosedPerson } from '../disclosure/index.js';
import type { Category } from '../notice/index.js';
import { v1, type DeliveredView, type Timestamp, type ViewElement } from '../proto/index.js';
import { keyedDigest } from '../signing/index.js';
import { categoriesForIdentity } from './identity-category.js';
import { identityKey, pseudonym } from './pseudonym.js';
import { scrubSummary, type KnownValue } from './scrub-summary.js';

/** The signed submission a view carries so its recipient can check the originator's signature. */
export interface SignedParts {
  manifest: Uint8Array;
  manifestJws: string;
}

/** What a view depends on but its recipient: the same for every recipient of one grant set. */
export interface TemplateInput {
  notice: DisclosedNotice;
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
}

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
  /** Persons whose profile is shown: each gets a per-recipient pseudonym. */
  pseudonymSlots: { id: string; path: string; identity: string }[];
}

/** The id of a value the bus derives from an original element: keyed, so it reveals nothing. */
function derivedId(secret: Uint8Array, noticeId: string, path: string, what: string): string {
  return keyedDigest(secret, 'accord/derived-id', noticeId, path, what).subarray(0, 16).toString('base64url');
}

function personOf(p: DisclosedPerson): v1.Person.$Properties {
  const person: v1.Person.$Properties = { role: p.profile.value.role ?? 0, ...p.identity?.value };
  if (p.profile.value.minor !== undefined && p.profile.value.minor !== null) person.minor = p.profile.value.minor;
  return person;
}

/**
 * A grant set's view of a notice: granted original elements passed on as the originator's
 * disclosures (bytes untouched), the rest listed by path, category and count, never by
 * value; the summary scrubbed and passed on as a derived value. Under WITNESS_PROTECTION
 * a recipient without `witness.identity` sees no trace of witnesses.
 */
export function buildViewTemplate(input: TemplateInput): ViewTemplate {
  const { notice, granted, secret } = input;
  const noticeId = notice.core.noticeId ?? '';
  const grid = input.gridDegrees ?? 1;
  const coarse = (value: number): number => Math.floor(value / grid) * grid;
  const elements: ViewElement[] = [];
  const grantedElements: v1.GrantedElement[] = [];
  const disclosures: Uint8Array[] = [];
  const withheld: v1.WithheldElement[] = [];
  const withheldCategories = new Set<Category>();
  const pseudonymSlots: ViewTemplate['pseudonymSlots'] = [];
  const caveats = notice.core.caveats ?? [];
  const hideWitnesses = caveats.includes(v1.Caveat.WITNESS_PROTECTION) && !granted.has('witness.identity');

  // Every structured value, withheld or granted, so the summary can be scrubbed of the first.
  const withheldValues: KnownValue[] = [];
  const grantedValues: KnownValue[] = [];
  const know = (isGranted: boolean, category: Category, values: [KnownValue['kind'], string | null | undefined][]): void => {
    for (const [kind, value] of values) if (value) (isGranted ? grantedValues : withheldValues).push({ category, kind, value });
  };
  const pass = (element: { path: string; bytes: Uint8Array }, category: Category): void => {
    grantedElements.push(v1.GrantedElement.create({ path: element.path, category }));
    disclosures.push(element.bytes);
  };
  const derive = (path: string, category: Category, value: Partial<ViewElement>): void => {
    elements.push(v1.ViewElement.create({ id: derivedId(secret, noticeId, path, 'value'), category, path, derived: true, ...value }));
  };
  const withhold = (path: string, category: Category, count = 1): void => {
    withheld.push(v1.WithheldElement.create({ path, category, count }));
    withheldCategories.add(category);
  };

  for (const p of notice.persons) {
    const person = personOf(p);
    const identity = p.identity?.value ?? {};
    const identityValues: [KnownValue['kind'], string | null | undefined][] = [
      ['name', identity.fullName],
      ['date', identity.dateOfBirth],
      ['phone', identity.phone],
      ...(identity.documents ?? []).map((d): [KnownValue['kind'], string | null | undefined] => ['number', d.number]),
    ];
    if (hideWitnesses && person.role === v1.PersonRole.WITNESS) {
      withheldCategories.add('witness.identity');
      know(false, 'witness.identity', identityValues);
      continue;
    }
    const base = `persons/${p.id}`;
    if (granted.has('person.profile')) {
      pass(p.profile, 'person.profile');
      pseudonymSlots.push({ id: derivedId(secret, noticeId, base, 'pseudonym'), path: `${base}/pseudonym`, identity: identityKey(person, `${noticeId}/${p.id}`) });
    } else {
      withhold(p.profile.path, 'person.profile');
    }
    if (!p.identity) continue;
    const needed = categoriesForIdentity(person);
    const missing = needed.find((c) => !granted.has(c));
    know(!missing, missing ?? needed[0] ?? 'migrant.identity', identityValues);
    if (missing) withhold(p.identity.path, missing);
    else pass(p.identity, needed[0] ?? 'migrant.identity');
  }

  for (const c of notice.conveyances) {
    know(granted.has('conveyance'), 'conveyance', [['phrase', c.value.identifier], ['number', c.value.identifier]]);
    if (granted.has('conveyance')) pass(c, 'conveyance');
    else withhold(c.path, 'conveyance');
  }
  for (const f of notice.financial) {
    know(granted.has('financial'), 'financial', [
      ['number', f.value.account],
      ['phrase', f.value.institution],
      ['phrase', f.value.counterparty],
      ['name', f.value.counterparty],
      ['amount', f.value.amount],
    ]);
    if (granted.has('financial')) pass(f, 'financial');
    else withhold(f.path, 'financial');
  }
  for (const l of notice.locations) {
    know(granted.has('location.precise'), 'location.precise', [
      ['phrase', l.value.label],
      ['coordinate', String(l.value.lat ?? '')],
      ['coordinate', String(l.value.lon ?? '')],
    ]);
    if (granted.has('location.precise')) {
      pass(l, 'location.precise');
      continue;
    }
    withhold(l.path, 'location.precise');
    const coarseLocation: v1.CoarseLocation.$Properties = { lat: coarse(l.value.lat ?? 0), lon: coarse(l.value.lon ?? 0), gridDegrees: grid };
    if (l.value.observedAt) coarseLocation.observedAt = l.value.observedAt;
    derive(`${l.path}/coarse`, 'core', { coarseLocation });
  }

  if (notice.summary) {
    if (!granted.has('summary')) withhold('summary', 'summary');
    else {
      // The summary is never passed on as written: it is scrubbed, and so derived.
      const identities: Category[] = ['smuggler.identity', 'migrant.identity', 'minor.identity', 'witness.identity'];
      const scrubbed = scrubSummary({
        text: notice.summary.value,
        withheld: withheldValues,
        granted: grantedValues,
        unattributedIdentity: identities.find((c) => !granted.has(c)),
        financialWithheld: !granted.has('financial'),
        conveyanceWithheld: !granted.has('conveyance'),
        bareMarkers: caveats.includes(v1.Caveat.WITNESS_PROTECTION),
      });
      derive('summary', 'summary', { summary: scrubbed.text });
      // Under WITNESS_PROTECTION markers are bare and uncounted: counts by category would
      // show that more was scrubbed than the categories listed, so that a witness exists.
      for (const [category, count] of scrubbed.counts) {
        if (caveats.includes(v1.Caveat.WITNESS_PROTECTION)) withheldCategories.add(category);
        else withhold('summary', category, count);
      }
    }
  }

  withheld.sort((a, b) => a.path.localeCompare(b.path) || a.category.localeCompare(b.category));
  return { input, elements, granted: grantedElements, disclosures, withheld, withheldCategories: [...withheldCategories].sort(), pseudonymSlots };
}

/** The recipient's own view from its grant set's template: its name and its pseudonyms. */
export function personaliseView(template: ViewTemplate, recipient: string, pseudonymKey: Uint8Array): BuiltView {
  const { input } = template;
  const caseRef = input.notice.core.caseRef ?? '';
  const pseudonyms = template.pseudonymSlots.map((slot) =>
    v1.ViewElement.create({
      id: slot.id,
      category: 'person.profile',
      path: slot.path,
      derived: true,
      pseudonym: pseudonym(pseudonymKey, recipient, caseRef, slot.identity),
    }),
  );
  const view = v1.DeliveredView.create({
    format: 2,
    recipient,
    core: input.notice.core,
    signerKid: input.signerKid,
    elements: [...template.elements, ...pseudonyms].sort((a, b) => a.path.localeCompare(b.path)),
    withheld: template.withheld,
    grantedCategories: [...input.granted].sort(),
    policyVersion: input.policyVersion,
    ruleIds: [...input.ruleIds],
    receivedAt: input.receivedAt,
    manifest: input.signed.manifest,
    manifestJws: input.signed.manifestJws,
    disclosures: template.disclosures,
    granted: template.granted,
  });
  return { view, withheldCategories: template.withheldCategories };
}

/** A single recipient's view (template and personalisation in one). */
export function buildView(input: ViewInput): BuiltView {
  return personaliseView(buildViewTemplate(input), input.recipient, input.pseudonymKey);
}
