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
}

/** The agency's refused submissions, each with its reason in plain words. */
export interface QuarantineRow {
  noticeId: string;
  code: string;
  path: string;
  reason: string;
  quarantinedAt: string;
}
