export { readStackFile, stackFilePath, writeStackFile } from './stack-file.js';
export type { StackAgencyEntry, StackFile } from './stack-file.js';
export { publishSubmission, signDisclosed, signNotice } from './publish-notice.js';
export type { PublishResult } from './publish-notice.js';
export { awaitDecision } from './await-decision.js';
export { verifyBusSignedView, verifySignedView, viewRecipient } from './verify-view.js';
export type { BusVerificationKey, OriginatorKeys, VerifiedView } from './verify-view.js';
export { registryKeys } from './originator-keys.js';
export { InboxStore, isWithdrawn } from './inbox-store.js';
export type { InboxEntry, RejectedView, StoredTombstone, StoredView, WithdrawnView, Withdrawal } from './inbox-store.js';
export { relationsOf, tombstoneOf } from './notice-relations.js';
export type { Supersession, TombstoneRecord, ViewRelation } from './notice-relations.js';
export { pullInbox } from './inbox.js';
export type { InboxKeys, InboxPullOptions, InboxPullResult } from './inbox.js';
export { sendReceipt } from './receipt.js';
export { readAuditRecords } from './audit-reader.js';
export type { AuditReadProgress } from './audit-reader.js';
export { listQuarantine } from './quarantine-reader.js';
export type { QuarantineFilter } from './quarantine-reader.js';
export { readStream } from './read-stream.js';
export { connectAs, credentialFor } from './connect-as.js';
export { listOwnQuarantine } from './own-quarantine.js';
export { keepCheckpoints, verifiedCheckpoint } from './checkpoint-store.js';
export { formatBusStatus, readBusStatus, serviceReadiness, type BusStatus } from './bus-status.js';
export { readableView } from './readable-view.js';
export { NODE_CLIENT_DEFAULTS, NodeClient } from './node-client.js';
export type {
  NodeClientOptions,
  NodeFeedEntry,
  NodeReceipt,
  NodeTombstoneEntry,
  NodeViewEntry,
  NodeWithdrawnEntry,
} from './node-client.js';
export { trackNotice } from './track-notice.js';
export { askDirectory, askPreview } from './ask-preview.js';
export { relateNotice } from './relate-notice.js';
export type { RelatedNotice, RelateNoticeInput } from './relate-notice.js';
export {
  DEFAULT_WITHDRAWAL_CODE,
  WITHDRAWAL_REASON_MAX_CHARS,
  WITHDRAWAL_ROUTE_COUNTRY,
  parseWithdrawalCode,
  withdrawalNotice,
} from './withdrawal-notice.js';
export type { WithdrawalInput } from './withdrawal-notice.js';
export { listWiden, refuseWiden, releaseWiden, releaseWidenUntilAnswered, requestWiden, signRelease } from './widen-requests.js';
export { buildRelease, pendingRequest, RELEASE_DAYS, releaseDaysMs, WIDEN_TEXT_MAX_CHARS, WIDENABLE_CATEGORIES } from './release-widen.js';
export type { ReleaseInput } from './release-widen.js';
export { SentStore } from './sent-store.js';
export { readReleases } from './statistics-releases.js';
export { readBusVerificationKey } from './bus-key.js';
export type { ReleaseQuery } from './statistics-releases.js';
export { keptVersions, reasonNamesPerson } from './withdrawal-reason.js';
