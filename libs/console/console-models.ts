import type { MessageKey } from './i18n/en.js';
import type { NoticeWidenModel, SupplementModel } from './widen-models.js';

/**
 * What the console's pages show, already taken out of the stored views: the page
 * functions render these and nothing else, so every value they print passes through the
 * same escaping. Strings here are untrusted (they come from other agencies' notices).
 */
export type Lang = 'en' | 'fr' | 'ar';
export type Tlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER_STRICT' | 'RED';
export type Role = 'officer' | 'supervisor' | 'admin';

export interface PageContext {
  lang: Lang;
  /** The page's own path and query ("/inbox?unread=1"), sent back by the language switcher; each page has a default. */
  path?: string;
  agency: string;
  /** Absent on the sign-in page. */
  officer?: { name: string; role: Role };
  /** The session's CSRF token, put in every form. */
  csrfToken?: string;
  /** A one-line notice at the top (after a form), already chosen by key; a string parameter is shown as untrusted text. */
  flash?: { kind: 'info' | 'error'; messageKey: MessageKey; params?: Record<string, string | number> };
}

/** One row of the inbox. */
export interface InboxRow {
  noticeId: string;
  tlp: Tlp;
  type: string;
  caseRef: string;
  issuer: string;
  receivedAt: string;
  readByMe: boolean;
  /** The originator's handling codes (enum names), marked on the row. */
  handling: string[];
  /** How the notice stands to its other versions, marked on the row; absent for a notice never updated. */
  status?: NoticeStatus;
  /** The earlier notices it replies to. */
  replyTo?: string[];
}

/**
 * Withdrawn: the issuer withdrew it, its content is deleted. Superseded: a newer version
 * exists (`shared` false: one not shared with this agency). Updated: the newest of several.
 */
export type NoticeStatus =
  { state: 'withdrawn' } | { state: 'superseded'; shared: boolean } | { state: 'updated'; version: number; of: number };

export interface InboxFilters {
  caseRef?: string;
  tlp?: Tlp;
  type?: string;
  issuer?: string;
  unread?: boolean;
  /** Free search: a case reference or a notice id. */
  q?: string;
}

export interface InboxModel {
  rows: InboxRow[];
  filters: InboxFilters;
  /** The values the filter menus offer (from what the node holds). */
  choices: { types: string[]; issuers: string[]; caseRefs: string[] };
  total: number;
}

/** One element of a view, as the notice page shows it. */
export interface ElementModel {
  id: string;
  category: string;
  /** The element's kind, for its label: person.profile, person.identity, conveyance, ... */
  kind: 'personProfile' | 'personIdentity' | 'conveyance' | 'financial' | 'location' | 'coarseLocation' | 'summary' | 'pseudonym' | 'other';
  /** The person, conveyance... it belongs to (the path's entity id), so the page can group. */
  entity?: string;
  /** Where it is in the notice ("persons/<id>/identity"); its first segment names the entity's kind. */
  path?: string;
  /** Field name -> value, in display order; values are untrusted text. */
  fields: [string, string][];
  /** The bus derived it (a pseudonym, a coarsened location, the scrubbed summary). */
  derived: boolean;
}

export interface WithheldModel {
  path: string;
  category: string;
  count: number;
}

export interface NoticeModel {
  noticeId: string;
  tlp: Tlp;
  type: string;
  caseRef: string;
  issuer: string;
  issuedAt: string;
  receivedAt: string;
  caveats: string[];
  /** The originator's handling codes (enum names), signed with the core. */
  handling: string[];
  mode: string;
  route: { origin: string[]; transit: string[]; destination: string[] };
  addressees: string[];
  migrantCount: number;
  deathsReported: number;
  /** The originator's key (kid), and that the node verified the bus's and the originator's signatures before storing it. */
  signerKid: string;
  verified: boolean;
  elements: ElementModel[];
  withheld: WithheldModel[];
  grantedCategories: string[];
  policyVersion: string;
  /** The officer's read receipt (given on opening the page). */
  receiptAt?: string;
  /** The earlier notices it replies to, each with the page that shows it when there is one. */
  replyTo?: RelatedNotice[];
  /** Its versions and what supersedes it; absent for a notice never updated. */
  history?: NoticeHistoryModel;
  /** A supplementary view: the issuer's release it carries. */
  supplement?: SupplementModel;
  /** The page's requests to widen (the ask form, the agency's requests); absent in print and where the page offers none. */
  widen?: NoticeWidenModel;
}

/** A notice named by another: its id, and where the officer can open it (none when the node has no page of it). */
export interface RelatedNotice {
  noticeId: string;
  href?: string;
}

export interface NoticeHistoryModel {
  /** Every version the node holds, oldest first, the one shown among them. */
  versions: { noticeId: string; receivedAt: string }[];
  /** A newer version, or word of one not shared with this agency. */
  supersededBy?: { noticeId: string; shared: boolean };
}

/** What is left of a notice its issuer withdrew: the withdrawal, never the content. */
export interface WithdrawnModel {
  noticeId: string;
  issuer: string;
  /** The code's enum name (WRONG_PERSON...). */
  withdrawalCode: string;
  /** The issuer's reason, as the bus scrubbed it. */
  reason: string;
  /** When the issuer withdrew it, and when this node deleted it. */
  issuedAt: string;
  withdrawnAt: string;
  /** The withdrawal notice. */
  byNoticeId: string;
  /** The versions withdrawn that this agency received, oldest first. */
  noticeIds: string[];
}

/** A notice this node received, in a case's timeline. */
export interface TimelineNotice {
  noticeId: string;
  tlp: Tlp;
  type: string;
  issuer: string;
  issuedAt: string;
  receivedAt: string;
  /** The notices it replies to. */
  replyTo?: string[];
  superseded?: boolean;
}

/** One of the agency's own notices that a notice of the case replies to, shown beside its replies. */
export interface TimelineSent {
  noticeId: string;
  /** When it was submitted through this node; empty when it was sent another way. */
  submittedAt: string;
}

export interface TimelineModel {
  caseRef: string;
  notices: TimelineNotice[];
  sent?: TimelineSent[];
}

export interface OfficerRow {
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface TokenRow {
  name: string;
  scopes: string[];
  revoked: boolean;
  createdAt: string;
  lastUsedAt?: string;
}

export interface AdminModel {
  officers: OfficerRow[];
  tokens: TokenRow[];
  /** Shown once after creating: a one-time password and TOTP URI, or a token. */
  created?: { kind: 'officer'; name: string; oneTimePassword: string; totpUri?: string } | { kind: 'token'; name: string; token: string };
}

/** The keys of every message the console shows; each language has all of them (tested). */
export type { MessageKey };
