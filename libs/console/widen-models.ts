import { isCategory } from '../notice/index.js';
import type { Role, WithheldModel } from './console-models.js';

/**
 * Requests to widen as the console's pages show them: a recipient agency asks a notice's
 * issuer for categories it was not granted; the issuer releases or refuses. Strings are
 * untrusted: the reasons and refusals are other agencies' words.
 */

export type WidenStatus = 'PENDING' | 'RELEASED' | 'REFUSED';

/**
 * Who may do what in the console. Any officer who reads a notice may ask its issuer for
 * more: a request changes nothing until the issuer decides (the node's API, though, asks
 * `publish` of it, which for a session is a supervisor's). Releasing what the agency
 * published, or refusing, is a supervisor's decision, as sending a notice is.
 */
export const WIDEN_ASKERS: readonly Role[] = ['officer', 'supervisor'];
export const WIDEN_DECIDERS: readonly Role[] = ['supervisor'];

export const mayAskToWiden = (role: Role | undefined): boolean => role !== undefined && WIDEN_ASKERS.includes(role);
export const mayDecideWiden = (role: Role | undefined): boolean => role !== undefined && WIDEN_DECIDERS.includes(role);

/** One request, as routing lists it for the agency. */
export interface WidenRow {
  requestId: string;
  noticeId: string;
  requester: string;
  issuer: string;
  categories: string[];
  reason: string;
  status: WidenStatus;
  requestedAt: string;
  decidedAt?: string;
  /** REFUSED: the issuer's word to the requester (may be empty). */
  refusal?: string;
  /** Where the officer can open the notice: its page, or the sent notice's for a supervisor; none when the node has no page of it. */
  noticeHref?: string;
  /** Incoming and PENDING: whether this node keeps the notice as it signed it, which a release must carry. */
  releasable?: boolean;
}

/** The limits of the forms, from the node (libs/client holds them): the page only writes them into the controls. */
export interface WidenLimits {
  /** A reason's and a refusal's length, in characters. */
  reasonMax: number;
  releaseDays: { default: number; max: number };
}

/** The Requests page: those addressed to the agency as an issuer, and its own; none when the bus did not answer. */
export interface RequestsModel {
  lists?: { incoming: WidenRow[]; outgoing: WidenRow[] };
  limits: WidenLimits;
}

/** What the officer typed into the ask form, given back when it is shown again with a problem. */
export interface WidenAskForm {
  categories: string[];
  reason: string;
}

/** The notice page's part on requests to widen: the ask form's fresh request id, and the agency's requests about it. */
export interface NoticeWidenModel {
  /** The request id the form sends: chosen when the form is shown, so a form sent twice is one request. */
  requestId: string;
  /** The agency's requests about this notice, newest first; undefined when the bus did not answer. */
  requests?: WidenRow[];
  form?: WidenAskForm;
  reasonMax: number;
}

/** A supplementary view: what the issuer released, on which request. */
export interface SupplementModel {
  requestId: string;
  categories: string[];
}

/** The categories an officer may ask for: those the view withheld, each once, but core and relations, which are never asked for. */
export function askableCategories(withheld: readonly WithheldModel[]): string[] {
  return [...new Set(withheld.map((w) => w.category))].filter((c) => isCategory(c) && c !== 'core');
}
