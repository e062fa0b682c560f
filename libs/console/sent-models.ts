import type { Tlp } from './console-models.js';

/** One of the agency's own submissions through this node. */
export interface SentRow {
  noticeId: string;
  status: 'pending' | 'accepted' | 'quarantined';
  code?: string;
  submittedBy: string;
  submittedAt: string;
  decidedAt?: string;
}

/** What became of an own notice: its decision, who received which categories, who read it when. */
export interface SentNoticeModel {
  noticeId: string;
  decision?: SentRow;
  /** The audit service's answer; `error` when it has none for this notice yet. */
  track?: {
    status: string;
    policyVersion: string;
    /** The handling codes the notice was accepted with (enum names). */
    handling: string[];
    deliveries: { recipient: string; deliveredAt: string; categories: string[]; withheldCategories: string[] }[];
    receipts: { agency: string; officer: string; readAt: string }[];
  };
  trackError?: string;
  tlp?: Tlp;
  /** The replies this node received to it, oldest first. */
  replies?: SentReply[];
  /** The node keeps it and it is no withdrawal: the page offers its update and its withdrawal. */
  changeable?: boolean;
}

/** A reply to an own notice, as the sent notice's page lists it. */
export interface SentReply {
  noticeId: string;
  tlp: Tlp;
  type: string;
  issuer: string;
  issuedAt: string;
  receivedAt: string;
}

/** The agency's refused submissions, each with its reason in plain words. */
export interface QuarantineRow {
  noticeId: string;
  code: string;
  path: string;
  reason: string;
  quarantinedAt: string;
}

/** The form that withdraws one of the agency's notices, as first shown or shown again with its problems. */
export interface WithdrawFormModel {
  noticeId: string;
  /** The withdrawal's own noticeId, chosen when the form is first shown: a form sent twice is one withdrawal. */
  withdrawalId: string;
  /** The code chosen (a WithdrawalCode name), '' before one is. */
  code: string;
  reason: string;
  /** The longest reason the node takes. */
  reasonMaxChars: number;
  /** What is wrong, on which field (`code`, `reason`), in the officer's language or the bus's words. */
  problems: { field: 'code' | 'reason'; message: string }[];
}
