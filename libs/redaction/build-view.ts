import type { Category } from '../notice/index.js';
import { v1, type CaseNoticeProps, type DeliveredView, type Timestamp, type ViewElement } from '../proto/index.js';
import { elementId } from './element-ids.js';
import { categoriesForIdentity } from './identity-category.js';
import { pseudonym } from './pseudonym.js';
import { scrubSummary, type KnownValue } from './scrub-summary.js';

/** What a view depends on but its recipient: the same for every recipient of one grant set. */
export interface TemplateInput {
  notice: CaseNoticeProps;
  signerKid: string;
  granted: ReadonlySet<Category>;
  ruleIds: readonly string[];
  policyVersion: string;
  receivedAt: Timestamp;
  /** The bus secret keying element ids. */
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
  withheld: v1.WithheldElement[];
  withheldCategories: Category[];
  /** Persons whose profile is shown: each gets a per-recipient pseudonym. */
  pseudonymSlots: { id: string; path: string; person: v1.Person.$Properties; fallback: string }[];
}

function hasIdentity(p: v1.Person.$Properties): boolean {
  return Boolean(p.fullName || p.dateOfBirth || p.phone || (p.documents ?? []).length > 0);
}

/**
 * A grant set's view of a notice: granted elements copied, the rest removed and listed
 * by path and category only, never by value; the summary scrubbed. Under
 * WITNESS_PROTECTION a recipient without `witness.identity` sees no trace of witnesses.
 */
export function buildViewTemplate(input: TemplateInput): ViewTemplate {
  const { notice, granted, secret } = input;
  const grid = input.gridDegrees ?? 1;
  const coarse = (value: number): number => Math.floor(value / grid) * grid;
  const pseudonymSlots: ViewTemplate['pseudonymSlots'] = [];
  const noticeId = notice.noticeId ?? '';
  const elements: ViewElement[] = [];
  const withheld: v1.WithheldElement[] = [];
  const withheldCategories = new Set<Category>();
  const caveats = notice.caveats ?? [];
  const hideWitnesses = caveats.includes(v1.Caveat.WITNESS_PROTECTION) && !granted.has('witness.identity');

  // Every structured value, withheld or granted, so the summary can be scrubbed of the first.
  const withheldValues: KnownValue[] = [];
  const grantedValues: KnownValue[] = [];
  const know = (isGranted: boolean, category: Category, values: [KnownValue['kind'], string | null | undefined][]): void => {
    for (const [kind, value] of values) if (value) (isGranted ? grantedValues : withheldValues).push({ category, kind, value });
  };
  const add = (id: string, category: Category, path: string, value: Partial<ViewElement>, derived = false): void => {
    elements.push(v1.ViewElement.create({ id, category, path, derived, ...value }));
  };
  const withhold = (path: string, category: Category, count = 1): void => {
    withheld.push(v1.WithheldElement.create({ path, category, count }));
    withheldCategories.add(category);
  };
  const identityValues = (p: v1.Person.$Properties): [KnownValue['kind'], string | null | undefined][] => [
    ['name', p.fullName],
    ['date', p.dateOfBirth],
    ['phone', p.phone],
    ...(p.documents ?? []).map((d): [KnownValue['kind'], string | null | undefined] => ['number', d.number]),
  ];

  (notice.persons ?? []).forEach((person, i) => {
    if (hideWitnesses && person.role === v1.PersonRole.WITNESS) {
      withheldCategories.add('witness.identity');
      know(false, 'witness.identity', identityValues(person));
      return;
    }
    const pid = elementId(secret, noticeId, 'person', i);
    const base = `persons/${pid}`;
    if (granted.has('person.profile')) {
      const profile: v1.PersonProfile.$Properties = {
        role: person.role ?? 0,
        nationality: person.nationality ?? '',
        unaccompanied: person.unaccompanied ?? false,
      };
      if (person.minor !== undefined && person.minor !== null) profile.minor = person.minor;
      add(elementId(secret, noticeId, 'profile', i), 'person.profile', `${base}/profile`, { personProfile: profile });
      pseudonymSlots.push({ id: elementId(secret, noticeId, 'pseudonym', i), path: `${base}/pseudonym`, person, fallback: `${noticeId}/${i}` });
    } else {
      withhold(`${base}/profile`, 'person.profile');
    }
    if (!hasIdentity(person)) return;
    const missing = categoriesForIdentity(person).find((c) => !granted.has(c));
    know(!missing, missing ?? categoriesForIdentity(person)[0] ?? 'migrant.identity', identityValues(person));
    if (missing) {
      withhold(`${base}/identity`, missing);
      return;
    }
    add(elementId(secret, noticeId, 'identity', i), categoriesForIdentity(person)[0] ?? 'migrant.identity', `${base}/identity`, {
      personIdentity: {
        fullName: person.fullName ?? '',
        dateOfBirth: person.dateOfBirth ?? '',
        phone: person.phone ?? '',
        documents: person.documents ?? [],
      },
    });
  });

  (notice.conveyances ?? []).forEach((conveyance, i) => {
    const id = elementId(secret, noticeId, 'conveyance', i);
    know(granted.has('conveyance'), 'conveyance', [['phrase', conveyance.identifier], ['number', conveyance.identifier]]);
    if (granted.has('conveyance')) add(id, 'conveyance', `conveyances/${id}`, { conveyance });
    else withhold(`conveyances/${id}`, 'conveyance');
  });

  (notice.financial ?? []).forEach((financial, i) => {
    const id = elementId(secret, noticeId, 'financial', i);
    know(granted.has('financial'), 'financial', [['number', financial.account], ['phrase', financial.institution], ['phrase', financial.counterparty]]);
    if (granted.has('financial')) add(id, 'financial', `financial/${id}`, { financial });
    else withhold(`financial/${id}`, 'financial');
  });

  (notice.locations ?? []).forEach((location, i) => {
    const id = elementId(secret, noticeId, 'location', i);
    know(granted.has('location.precise'), 'location.precise', [['phrase', location.label]]);
    if (granted.has('location.precise')) {
      add(id, 'location.precise', `locations/${id}`, { location });
      return;
    }
    withhold(`locations/${id}`, 'location.precise');
    const coarseLocation: v1.CoarseLocation.$Properties = {
      lat: coarse(location.lat ?? 0),
      lon: coarse(location.lon ?? 0),
      gridDegrees: grid,
    };
    if (location.observedAt) coarseLocation.observedAt = location.observedAt;
    add(elementId(secret, noticeId, 'coarse-location', i), 'core', `locations/${id}/coarse`, { coarseLocation }, true);
  });

  if (notice.summary) {
    if (!granted.has('summary')) withhold('summary', 'summary');
    else {
      // The summary is never passed on as written: it is scrubbed, and so derived.
      const identities: Category[] = ['smuggler.identity', 'migrant.identity', 'minor.identity', 'witness.identity'];
      const scrubbed = scrubSummary({
        text: notice.summary,
        withheld: withheldValues,
        granted: grantedValues,
        unattributedIdentity: identities.find((c) => !granted.has(c)),
        financialWithheld: !granted.has('financial'),
        conveyanceWithheld: !granted.has('conveyance'),
        bareMarkers: caveats.includes(v1.Caveat.WITNESS_PROTECTION),
      });
      add(elementId(secret, noticeId, 'summary', 0), 'summary', 'summary', { summary: scrubbed.text }, true);
      for (const [category, count] of scrubbed.counts) {
        if (hideWitnesses && category === 'witness.identity') continue;
        withhold('summary', category, count);
      }
    }
  }

  withheld.sort((a, b) => a.path.localeCompare(b.path) || a.category.localeCompare(b.category));
  return { input, elements, withheld, withheldCategories: [...withheldCategories].sort(), pseudonymSlots };
}

/** The recipient's own view from its grant set's template: its name and its pseudonyms. */
export function personaliseView(template: ViewTemplate, recipient: string, pseudonymKey: Uint8Array): BuiltView {
  const { input } = template;
  const notice = input.notice;
  const pseudonyms = template.pseudonymSlots.map((slot) =>
    v1.ViewElement.create({
      id: slot.id,
      category: 'person.profile',
      path: slot.path,
      derived: true,
      pseudonym: pseudonym(pseudonymKey, recipient, notice.caseRef ?? '', slot.person, slot.fallback),
    }),
  );
  const elements = [...template.elements, ...pseudonyms].sort((a, b) => a.path.localeCompare(b.path));
  const core: v1.NoticeCore.$Properties = {
    noticeId: notice.noticeId ?? '',
    issuingAgency: notice.issuingAgency ?? '',
    caseRef: notice.caseRef ?? '',
    type: notice.type ?? 0,
    tlp: notice.tlp ?? 0,
    caveats: notice.caveats ?? [],
    mode: notice.mode ?? 0,
    addressees: notice.addressees ?? [],
    migrantCount: notice.migrantCount ?? 0,
    deathsReported: notice.deathsReported ?? 0,
  };
  if (notice.issuedAt) core.issuedAt = notice.issuedAt;
  if (notice.route) core.route = notice.route;
  const view = v1.DeliveredView.create({
    format: 1,
    recipient,
    core,
    signerKid: input.signerKid,
    elements,
    withheld: template.withheld,
    grantedCategories: [...input.granted].sort(),
    policyVersion: input.policyVersion,
    ruleIds: [...input.ruleIds],
    receivedAt: input.receivedAt,
  });
  return { view, withheldCategories: template.withheldCategories };
}

/** A single recipient's view (template and personalisation in one). */
export function buildView(input: ViewInput): BuiltView {
  return personaliseView(buildViewTemplate(input), input.recipient, input.pseudonymKey);
}
