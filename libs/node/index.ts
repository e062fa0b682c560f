export { nodeLayout, type NodeLayout } from './node-layout.js';
export { DEFAULT_RETENTION_DAYS, parseNodeConfig, readNodeConfig, writeNodeConfig, type NodeConfig } from './node-config.js';
export { openNodeDatabase, type NodeDatabase } from './node-database.js';
export { NODE_MIGRATIONS } from './node-migrations.js';
export { newViewKey, ViewCipher, VIEW_KEY_BYTES } from './view-cipher.js';
export { openNode, type OpenNode } from './open-node.js';
export {
  isTombstone,
  isWithdrawnView,
  NodeViewStore,
  type NodeEntry,
  type NodeTombstone,
  type NodeView,
  type NodeWithdrawnView,
} from './view-store.js';
export { MAX_VERSIONS, type NoticeVersion } from './notice-history.js';
export { SubmissionStore, type Submission, type SubmissionStatus } from './submission-store.js';
export { AccessLog, type Reader, type ViewRead } from './access-log.js';
export { problem, problemFromError, PROBLEM_CONTENT_TYPE, type Problem } from './api/problem.js';
export { EventHub, sseFrame, type NodeEvent } from './api/event-hub.js';
export { isApiRoute, openApiDocument, openApiPath, type RouteDescription } from './api/openapi.js';
export * as apiSchemas from './api/schemas.js';
export { assertTransportAllowed, DEFAULT_LISTEN, isLoopback, parseListen, type ListenAddress } from './listen-address.js';
export * from './accounts/index.js';
export { initNode, renewNodeCredentials, type InitNodeResult, type NodeSource, type RenewedCredentials } from './init-node.js';
export { NodeCheckpointStore } from './checkpoint-store.js';
export {
  bodyDigest,
  bodyNoticeId,
  noticeOfBody,
  takeIntendedSubmission,
  takeSubmission,
  type SubmissionIntent,
  type SubmissionRequest,
} from './take-submission.js';
export { takeRelatedSubmission, type RelatedSubmissionRequest } from './take-related-submission.js';
export { takeWithdrawal, type WithdrawalRequest } from './take-withdrawal.js';
export { keptNotice } from './kept-notice.js';
