import type { v1 } from '../proto/index.js';

/** One disclosable element: its path, its exact bytes (as signed), and its decoded value. */
export interface DisclosedElement<T> {
  id: string;
  path: string;
  bytes: Uint8Array;
  value: T;
}

export interface DisclosedPerson {
  id: string;
  profile: DisclosedElement<v1.PersonProfile.$Properties>;
  identity?: DisclosedElement<v1.PersonIdentity.$Properties>;
}

/** A notice as its disclosures carry it: the core, and each element with its bytes. */
export interface DisclosedNotice {
  core: v1.NoticeCore.$Properties;
  persons: DisclosedPerson[];
  conveyances: DisclosedElement<v1.Conveyance.$Properties>[];
  financial: DisclosedElement<v1.FinancialTrace.$Properties>[];
  locations: DisclosedElement<v1.Location.$Properties>[];
  /** The summary with every reference resolved: what a reader of all of it reads. */
  summary?: DisclosedElement<string>;
  /** The summary with references in place of values, when the originator marked it up. */
  summaryTemplate?: DisclosedElement<string>;
  summarySpans: DisclosedElement<v1.TaggedSpan.$Properties>[];
  /** Its relations to earlier notices, each shown only to agencies that received the notice it names. */
  relations: DisclosedElement<v1.Relation.$Properties>[];
}

/** A verified submission's notice, in the layers recipients are given. */
export interface OpenedSubmission {
  /** The notice as it reads without protected witnesses: all of it without WITNESS_PROTECTION. */
  main: DisclosedNotice;
  /** The whole notice: the protected manifest's elements over the main ones (the same object without WITNESS_PROTECTION). */
  full: DisclosedNotice;
}

export const ELEMENT_ID = /^[A-Za-z0-9_-]{16,43}$/;
