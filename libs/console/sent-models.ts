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
