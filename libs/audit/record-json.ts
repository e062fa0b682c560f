import { formatTimestamp, v1, type AuditRecord } from '../proto/index.js';
import { auditKindName } from './audit-kinds.js';

/** An audit record as JSON for people and tools: empty fields left out. */
export function auditRecordToJson(record: AuditRecord): Record<string, unknown> {
  const e: v1.AuditEvent.$Properties = record.event ?? {};
  const out: Record<string, unknown> = {
    index: Number(record.index),
    kind: auditKindName(e.kind),
    time: formatTimestamp(e.time),
    appendedAt: formatTimestamp(record.appendedAt),
    eventId: e.eventId,
    service: e.service,
  };
  const optional: Record<string, unknown> = {
    noticeId: e.noticeId,
    agency: e.agency,
    recipient: e.recipient,
    ingestSeq: e.ingestSeq ? Number(e.ingestSeq) : undefined,
    code: e.code,
    path: e.path,
    kid: e.kid,
    digest: e.digest && e.digest.length ? Buffer.from(e.digest).toString('base64url') : undefined,
    recipients: e.recipients?.length ? e.recipients : undefined,
    ruleIds: e.ruleIds?.length ? e.ruleIds : undefined,
    categories: e.categories?.length ? e.categories : undefined,
    withheldCategories: e.withheldCategories?.length ? e.withheldCategories : undefined,
    officer: e.officer,
    policyVersion: e.policyVersion,
    deliverySeq: e.deliverySeq ? Number(e.deliverySeq) : undefined,
    traceId: e.traceId,
    action: e.action,
    handling: e.handling?.length ? e.handling.map((h) => v1.HandlingCode[h] ?? String(h)) : undefined,
    period: e.period,
    releaseVersion: e.releaseVersion ? Number(e.releaseVersion) : undefined,
    // An issuer's choice of what the statistics count: none is a choice too, and shown.
    countedTlp:
      e.countedTlp?.length || e.action === 'statistics-counting' ? (e.countedTlp ?? []).map((t) => v1.Tlp[t] ?? String(t)) : undefined,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined && v !== '') out[k] = v;
  if (e.checkpoint && e.checkpoint.length > 0) {
    // A checkpoint line is itself a trusted-checkpoint file for --trusted-checkpoint.
    const checkpoint = v1.Checkpoint.decode(v1.SignedCheckpoint.decode(e.checkpoint).checkpoint);
    out.treeSize = Number(checkpoint.treeSize);
    out.rootHash = Buffer.from(checkpoint.rootHash).toString('base64');
    out.signedCheckpoint = Buffer.from(e.checkpoint).toString('base64');
  }
  out.prevHash = Buffer.from(record.prevHash ?? []).toString('hex');
  return out;
}
