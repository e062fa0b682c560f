import { identityOf } from '../disclosure/index.js';
import type { Category } from '../notice/index.js';
import type { CaseNoticeProps } from '../proto/index.js';
import { categoriesForIdentity } from '../redaction/index.js';
import type { ComposeDraft, DraftProblem } from './compose-draft.js';

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
  /** What of the notice a new version starts from the form cannot hold (notice paths): the page says so. */
  leftOut?: string[];
}

/**
 * The categories a notice holds something of (field categories, CONTRACT.md): what a
 * recipient can be given or have withheld. A person's identity needs the categories
 * redaction asks for it (minor.identity too unless the person is known to be an adult).
 */
export function noticeCategories(notice: CaseNoticeProps): Category[] {
  const found = new Set<Category>(['core']);
  const persons = notice.persons ?? [];
  if (persons.length > 0) found.add('person.profile');
  for (const p of persons) if (identityOf(p)) for (const c of categoriesForIdentity(p)) found.add(c);
  if ((notice.summary ?? '').trim() !== '') found.add('summary');
  if ((notice.conveyances ?? []).length > 0) found.add('conveyance');
  if ((notice.financial ?? []).length > 0) found.add('financial');
  if ((notice.locations ?? []).length > 0) found.add('location.precise');
  return [...found];
}

/** Each agency's line, with what it would not get of what the notice holds (`held`, from noticeCategories). */
export function agencyPreview(held: readonly string[], decision: Omit<AgencyPreviewModel, 'withheld'>): AgencyPreviewModel {
  return { ...decision, withheld: decision.delivered ? held.filter((c) => !decision.categories.includes(c)) : [...held] };
}
