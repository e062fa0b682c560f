import { filledPersons, type ComposeDraft, type DraftProblem } from './compose-draft.js';

/** An agency of the bus's directory, as the addressee picker lists it. */
export interface DirectoryEntryModel {
  id: string;
  country: string;
  role: string;
}

/** One agency's line of a preview: routing's decision for the draft, and what of the draft that leaves out. */
export interface AgencyPreviewModel {
  agency: string;
  delivered: boolean;
  /** addressee, group-on-route, group, community or outside. */
  tlp: string;
  categories: string[];
  /** Categories the draft has something of that the agency would not get. */
  withheld: string[];
  ruleIds: string[];
  invariants: { invariant: string; removed: string[] }[];
}

export interface PreviewModel {
  policyVersion: string;
  agencies: AgencyPreviewModel[];
}

/** A piece of the summary as the page shows its markup: literal text, a reference, or a tagged span. */
export type MarkedPiece = { text: string } | { ref: string; text: string } | { category: string; text: string };

export interface ComposeModel {
  draft: ComposeDraft;
  /** Undefined when the bus's directory could not be read. */
  directory: DirectoryEntryModel[] | undefined;
  problems: DraftProblem[];
  preview?: PreviewModel;
  /** The digest of the notice the preview was made for: Send refuses a draft changed since. */
  previewDigest?: string;
  /** The page says why Send showed the preview again instead of sending. */
  previewNote?: 'stale' | 'first';
  markedUp?: MarkedPiece[];
}

const IDENTITY_FIELDS = ['fullName', 'dateOfBirth', 'phone', 'documentNumber'] as const;
const IDENTITY_OF_ROLE: Record<string, string> = {
  SMUGGLER_SUSPECT: 'smuggler.identity',
  FACILITATOR: 'smuggler.identity',
  WITNESS: 'witness.identity',
  SMUGGLED_MIGRANT: 'migrant.identity',
};

/**
 * The categories a draft holds something of (field categories, CONTRACT.md): what a
 * recipient can be given or have withheld. A person's identity needs minor.identity too
 * unless the person is known to be an adult.
 */
export function draftCategories(draft: ComposeDraft): string[] {
  const found = new Set<string>(['core']);
  const persons = filledPersons(draft);
  if (persons.length > 0) found.add('person.profile');
  for (const p of persons) {
    if (!IDENTITY_FIELDS.some((f) => p[f] !== '')) continue;
    found.add(IDENTITY_OF_ROLE[p.role] ?? 'migrant.identity');
    if (p.minor !== 'no') found.add('minor.identity');
  }
  if (draft.summary.trim() !== '') found.add('summary');
  const any = (rows: Record<string, string>[]): boolean => rows.some((r) => Object.values(r).some((v) => v !== ''));
  if (any(draft.conveyances)) found.add('conveyance');
  if (any(draft.financial)) found.add('financial');
  if (any(draft.locations)) found.add('location.precise');
  return [...found];
}

/** Each agency's line, with what it would not get of what the draft holds. */
export function agencyPreview(draft: ComposeDraft, decision: Omit<AgencyPreviewModel, 'withheld'>): AgencyPreviewModel {
  const held = draftCategories(draft);
  return { ...decision, withheld: decision.delivered ? held.filter((c) => !decision.categories.includes(c)) : held };
}
