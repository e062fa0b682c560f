import { AccordError, isAccordError } from '../errors/index.js';
import { validateNotice, withdrawalCodeNames } from '../notice/index.js';
import { timestampFromDate, v1, type CaseNotice } from '../proto/index.js';

/**
 * The route a withdrawal names. The schema wants one, but a withdrawal's core reaches no
 * one (every earlier recipient gets a tombstone, which carries no route), and an adapter
 * cannot read its agency's country from the registry: Antarctica, a valid code that is
 * no agency's country, says plainly that the route means nothing.
 */
export const WITHDRAWAL_ROUTE_COUNTRY = 'AQ';

export const DEFAULT_WITHDRAWAL_CODE = 'OTHER';

/** A reason longer than this is refused at the node's door: it is a sentence or two for every recipient, not a report. */
export const WITHDRAWAL_REASON_MAX_CHARS = 2000;

export interface WithdrawalInput {
  /** The issuing agency, the only one that may withdraw its notice. */
  as: string;
  /** The notice withdrawn (with it, every earlier version of it). */
  withdrawnNoticeId: string;
  /** Why, in plain text: it reaches every recipient, scrubbed of every identifier (numbers, dates, documents, places), not of names. */
  reason: string;
  /** A WithdrawalCode name; OTHER when absent. */
  code?: string;
  now: Date;
  freshNoticeId: () => string;
}

/** A WithdrawalCode by name; any other name is E_USAGE listing the valid ones. */
export function parseWithdrawalCode(name: string): v1.WithdrawalCode {
  const names = withdrawalCodeNames();
  if (!names.includes(name)) throw new AccordError('E_USAGE', `--code ${name}: expected one of ${names.join(', ')}`);
  return v1.WithdrawalCode[name as keyof typeof v1.WithdrawalCode];
}

/**
 * The withdrawal notice of an agency's notice, checked as ingest will check it: a RED
 * CASE_UPDATE addressed to no one, whose summary is the reason and whose one relation is
 * the WITHDRAWAL with its code. A reason the schema refuses (empty, marked up, a control
 * character) is E_USAGE naming --reason.
 */
export function withdrawalNotice(input: WithdrawalInput): CaseNotice {
  const withdrawalCode = parseWithdrawalCode(input.code ?? DEFAULT_WITHDRAWAL_CODE);
  const notice = v1.CaseNotice.create({
    noticeId: input.freshNoticeId(),
    issuingAgency: input.as,
    issuedAt: timestampFromDate(input.now),
    caseRef: `withdrawal of ${input.withdrawnNoticeId}`,
    type: v1.NoticeType.CASE_UPDATE,
    tlp: v1.Tlp.RED,
    mode: v1.Mode.LAND,
    route: { destination: [WITHDRAWAL_ROUTE_COUNTRY] },
    addressees: [],
    summary: input.reason,
    relations: [v1.Relation.create({ kind: v1.RelationKind.WITHDRAWAL, noticeId: input.withdrawnNoticeId, withdrawalCode })],
  });
  try {
    validateNotice(notice);
  } catch (error) {
    if (isAccordError(error) && error.code === 'E_SCHEMA' && error.path === 'summary') {
      throw new AccordError('E_USAGE', `--reason: ${error.message.replace(/^summary: /, '')}`, { path: 'summary', cause: error });
    }
    throw error;
  }
  return notice;
}
