/**
 * The agency node's web console: its pages as pure functions of their models (no I/O),
 * every value escaped, under a CSP with no inline script or style. The node's routes
 * call these and serve the two assets.
 */
export type {
  AdminModel,
  ElementModel,
  InboxFilters,
  InboxModel,
  InboxRow,
  Lang,
  MessageKey,
  NoticeHistoryModel,
  NoticeModel,
  NoticeStatus,
  OfficerRow,
  PageContext,
  Role,
  RelatedNotice,
  TimelineModel,
  TimelineNotice,
  TimelineSent,
  Tlp,
  TokenRow,
  WithdrawnModel,
  WithheldModel,
} from './console-models.js';
export { SafeHtml, html, raw, text } from './html.js';
export type { Interpolation } from './html.js';
export { visibleControls, visibleText } from './bidi.js';
export {
  CATALOGS,
  LANGS,
  LANGUAGE_NAMES,
  chooseLang,
  dir,
  fillHtml,
  fillText,
  isLang,
  isMessageKey,
  placeholdersOf,
  t,
  tHtml,
} from './i18n/translate.js';
export { timeHtml } from './format.js';
export type { MessageParams } from './i18n/translate.js';
export { EN } from './i18n/en.js';
export { TLP_BACKGROUND, TLP_COLOURS, TLP_LABELS, TLP_LEVELS, isTlp, parseTlp, tlpBadge, tlpBanner, tlpClass, tlpMeaning } from './tlp.js';
export {
  CONSOLE_PATHS,
  casePath,
  disableOfficerPath,
  inboxPath,
  isLocalPath,
  noticePath,
  printPath,
  refusePath,
  releasePath,
  revokeTokenPath,
  sentPath,
  widenAskPath,
} from './console-paths.js';
export { renderError, renderPasswordChange, renderSignIn } from './account-pages.js';
export { renderInbox, renderInboxRow } from './inbox-page.js';
export { renderNotice, renderPrint } from './notice-page.js';
export { renderTimeline } from './timeline-page.js';
export { renderWithdrawn } from './withdrawn-page.js';
export { renderAdmin } from './admin-page.js';
export { inboxRowFrom, noticeModelFrom, relationsOfView, withdrawnModelFrom, withdrawnRowFrom } from './view-model.js';
export type { StoredViewJson, WithdrawnViewJson } from './view-model.js';
export { CONSOLE_CSS, CONTRAST_PAIRS, PALETTE } from './assets/console-css.js';
export { CONSOLE_JS } from './assets/console-js.js';
export { renderQuarantine, renderSentList, renderSentNotice } from './sent-pages.js';
export type { QuarantineRow, SentNoticeModel, SentReply, SentRow } from './sent-models.js';
export { renderCompose } from './compose-page.js';
export { renderRequests } from './requests-page.js';
export { readRefusal, readReleaseDays, readWidenAskForm } from './widen-forms.js';
export type { WidenFormProblem } from './widen-forms.js';
export { WIDEN_ASKERS, WIDEN_DECIDERS, askableCategories, mayAskToWiden, mayDecideWiden } from './widen-models.js';
export type { NoticeWidenModel, RequestsModel, SupplementModel, WidenAskForm, WidenLimits, WidenRow, WidenStatus } from './widen-models.js';
export { draftToNoticeJson, emptyDraft, fieldOfPath, readComposeForm, COLLECTION_NAMES } from './compose-draft.js';
export type { Collection, ComposeDraft, DraftProblem, FormValues } from './compose-draft.js';
export { agencyPreview, noticeCategories } from './compose-models.js';
export type { AgencyPreviewModel, ComposeModel, DirectoryEntryModel, MarkedPiece, PreviewModel } from './compose-models.js';
export { markedSummary } from './marked-summary.js';
export { dataTable } from './table.js';
export type { TableOptions } from './table.js';
export { htmlDocument } from './document.js';
export type { DocumentParts } from './document.js';
export { languageSwitcher } from './language-switcher.js';
export type { LanguageSwitcher } from './language-switcher.js';
// Replies, updates, withdrawals
export { composeReplyPath, composeUpdatePath, sentAfterWithdrawalPath, withdrawPath } from './console-paths.js';
export { draftRelations, parseRelationField, relationField } from './compose-relations.js';
export type { DraftRelation, DraftRelationKind } from './compose-relations.js';
export { draftFromNotice } from './notice-draft.js';
export type { NoticeDraft } from './notice-draft.js';
export { replyActionHtml, sentActionsHtml } from './relation-actions.js';
export { renderWithdrawForm } from './withdraw-page.js';
export type { WithdrawFormModel } from './sent-models.js';
// Statistics: the releases delivered to a research agency
export { renderStatistics } from './statistics-page.js';
export { STATISTICS_READERS, statisticsModel } from './statistics-models.js';
export type { StatisticsModel, StatisticsPeriod } from './statistics-models.js';
export { BAR_WIDTHS, barClass, tableTitle } from './statistics-chart.js';
export { statisticsPath } from './console-paths.js';
