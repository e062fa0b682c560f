/**
 * The auditor console: its pages as pure functions of their models, the collectors that
 * make those models from the audit chain as it is read (no broker here: a ChainSource is
 * handed in), and the background whole-chain verification. Built on the node console's
 * escaping, layout classes, stylesheet and i18n approach (a catalog of its own).
 */
export type {
  AuditPageContext,
  ChainSource,
  ChartsModel,
  CheckpointSummary,
  DayCounts,
  OverviewModel,
  ProofState,
  RecordRow,
  RecordsModel,
  RecordsQuery,
  RecordsQueryField,
  TrailModel,
  TrailRow,
  VerifyOutcome,
  VerifyState,
} from './audit-console-models.js';
export { AUDIT_PATHS, DEFAULT_AUDIT_CONSOLE_LISTEN, proofsPath, recordsPath, trailPath } from './audit-paths.js';
export { AUDIT_CATALOGS, at, atHtml } from './i18n/audit-translate.js';
export { AUDIT_EN, type AuditMessageKey } from './i18n/en.js';
export { HASH_PREFIX_DIGITS, hexPrefix, recordRow } from './record-row.js';
export { MAX_RECORDS_PAGE, RECORDS_PAGE_SIZE, isNoticeIdText, parseRecordsQuery, type ParsedRecordsQuery } from './records-query.js';
export { RecordsCollector, replayFilterOf } from './collect-records.js';
export { OverviewCollector } from './collect-overview.js';
export { TrailCollector, proofState } from './collect-trail.js';
export { CHART_DAYS, ChartsCollector } from './collect-charts.js';
export { VerifyJob } from './verify-job.js';
export { progressPercent, verifyStatusJson, type VerifyStatusJson } from './verify-status.js';
export { kindClass, niceMax, perDayChart, quarantineChart, stackSegments } from './chart-svg.js';
export { renderOverview } from './overview-page.js';
export { VERIFY_REFRESH_SECONDS, renderVerify } from './verify-page.js';
export { renderRecords } from './records-page.js';
export { renderTrail } from './trail-page.js';
export { renderCharts } from './charts-page.js';
export { renderAuditError } from './error-page.js';
export { AUDIT_CONTRAST_PAIRS, AUDIT_CSS, AUDIT_PALETTE, KIND_COLOURS } from './assets/audit-css.js';
export { AUDIT_JS } from './assets/audit-js.js';
