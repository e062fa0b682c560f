/**
 * The wire types, generated from proto/ by scripts/gen-proto.sh (never edited by hand).
 * Other libraries import them from here, not from the generated folder.
 */
import './numbers-not-longs.js';
import { accord, type google } from './generated/accord.js';

// Both the generated values (v1.CaseNotice.encode) and types (v1.Person.$Properties).
export import v1 = accord.v1;
export type Timestamp = google.protobuf.Timestamp.$Properties;

export type CaseNotice = accord.v1.CaseNotice;
export type CaseNoticeProps = accord.v1.CaseNotice.$Properties;
export type Person = accord.v1.Person;
export type SignedNotice = accord.v1.SignedNotice;
export type DeliveredView = accord.v1.DeliveredView;
export type ViewElement = accord.v1.ViewElement;
export type SignedView = accord.v1.SignedView;
export type AuditEvent = accord.v1.AuditEvent;
export type AuditEventProps = accord.v1.AuditEvent.$Properties;
export type AuditRecord = accord.v1.AuditRecord;
export type Decision = accord.v1.Decision;
export type QuarantineRecord = accord.v1.QuarantineRecord;
export type Receipt = accord.v1.Receipt;
export type RecipientGrant = accord.v1.RecipientGrant.$Properties;

export { timestampFromDate, timestampFromNanos, dateFromTimestamp, formatTimestamp, parseRfc3339 } from './timestamps.js';
export { reflectionRoot } from './reflection.js';
export { messageToJson } from './message-to-json.js';
