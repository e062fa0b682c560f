import type { StoredTombstone, StoredView, TombstoneRecord, WithdrawnView } from '../libs/client/index.js';
import { describeHandling } from '../libs/notice/index.js';
import { oneLine } from './output-guard.js';

type JsonObject = Record<string, unknown>;

/** A value of a view on one line, its control and direction characters escaped: another agency wrote it. */
const str = (v: unknown): string =>
  oneLine(v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean | bigint));

function describeValue(element: JsonObject): string {
  const [kind, value] = Object.entries(element).find(([k]) => !['id', 'category', 'path', 'derived'].includes(k)) ?? ['', undefined];
  if (value === undefined) return '(empty)';
  if (typeof value !== 'object') return `${kind}: ${str(value)}`;
  const fields = Object.entries(value as JsonObject)
    .map(([k, v]) => `${k}=${str(v)}`)
    .join(' ');
  return `${kind}: ${fields}`;
}

/** "reply to <id>", "updates <id>": each relation the view was granted, read from its elements (relations/<id>). */
function relationLines(elements: JsonObject[]): string[] {
  const words: Record<string, string> = { REPLY: 'reply to', UPDATE: 'updates' };
  return elements.flatMap((e) => {
    const relation = e.relation as JsonObject | undefined;
    if (!relation) return [];
    const kind = str(relation.kind);
    return [`  ${words[kind] ?? kind.toLowerCase()} ${str(relation.noticeId)}`];
  });
}

function supersededLine(by: StoredView['supersededBy']): string[] {
  if (!by) return [];
  return by.shared
    ? [`  superseded by ${str(by.noticeId)}`]
    : [`  superseded: updated by the issuer (${str(by.noticeId)}); the new version was not shared with your agency`];
}

/**
 * A view in a few readable lines: what the notice is, how it stands to earlier ones, each
 * element shown, what was withheld. From the local store or from a node: only the view,
 * its delivery count and whether a newer version superseded it.
 */
export function formatView(stored: Pick<StoredView, 'view' | 'deliverySeq' | 'supersededBy'>): string {
  const view = stored.view;
  const core = (view.core ?? {}) as JsonObject;
  const route = (core.route ?? {}) as JsonObject;
  const legs = ['origin', 'transit', 'destination'].map((leg) => ((route[leg] as string[] | undefined) ?? []).join(',') || '-');
  const elements = (view.elements as JsonObject[] | undefined) ?? [];
  const lines = [
    `notice ${str(core.noticeId)}  ${str(core.type)}  TLP:${str(core.tlp)}  from ${str(core.issuingAgency)}  (delivery #${stored.deliverySeq})`,
    `  case ${str(core.caseRef)}, issued ${str(core.issuedAt)}, mode ${str(core.mode)}, route ${legs.join(' > ')}` +
      `, migrants ${str(core.migrantCount ?? 0)}, deaths ${str(core.deathsReported ?? 0)}`,
    ...relationLines(elements),
    ...supersededLine(stored.supersededBy),
  ];
  const caveats = (core.caveats as string[] | undefined) ?? [];
  if (caveats.length) lines.push(`  caveats: ${caveats.join(', ')}`);
  // The originator's handling codes, each on its own line with what it asks of the reader.
  for (const h of describeHandling(((core.handling as unknown[] | undefined) ?? []).map(str))) {
    lines.push(`  handling: ${h.code}${h.meaning ? ` (${h.meaning})` : ''}`);
  }
  for (const element of elements) {
    lines.push(`  ${str(element.path)} [${str(element.category)}${element.derived ? ', derived' : ''}] ${describeValue(element)}`);
  }
  const withheld = (view.withheld as JsonObject[] | undefined) ?? [];
  if (withheld.length) lines.push(`  withheld: ${withheld.map((w) => `${str(w.path)} (${str(w.category)})`).join(', ')}`);
  lines.push(
    `  granted: ${((view.grantedCategories as string[] | undefined) ?? []).join(', ')}; rules ${((view.ruleIds as string[] | undefined) ?? []).join(', ')}`,
  );
  return lines.join('\n');
}

/** "WITHDRAWN by it-police (WRONG_PERSON): <reason> — notices a, b", or an update this agency did not receive. */
export function describeTombstone(t: TombstoneRecord): string {
  const notices = `notices ${t.noticeIds.map(str).join(', ')}`;
  if (t.kind === 'WITHDRAWAL') return `WITHDRAWN by ${str(t.issuingAgency)} (${str(t.withdrawalCode)}): ${str(t.reason)} — ${notices}`;
  return `UPDATED by ${str(t.issuingAgency)}: the new version ${str(t.byNoticeId)} was not shared with your agency — ${notices}`;
}

/** A tombstone as delivered, on two lines. */
export function formatTombstone(stored: Pick<StoredTombstone, 'deliverySeq' | 'tombstone'>): string {
  const t = stored.tombstone;
  const kind = t.kind === 'WITHDRAWAL' ? 'withdrawal' : 'update';
  return [describeTombstone(t), `  by ${kind} ${str(t.byNoticeId)}, issued ${str(t.issuedAt)}  (delivery #${stored.deliverySeq})`].join(
    '\n',
  );
}

/** What is left of a withdrawn view: its id, and the withdrawal; its content was deleted. */
export function formatWithdrawn(entry: Pick<WithdrawnView, 'deliverySeq' | 'noticeId' | 'withdrawn'>): string {
  return [
    `notice ${str(entry.noticeId)}  WITHDRAWN  (delivery #${entry.deliverySeq})`,
    `  ${describeTombstone(entry.withdrawn)}`,
    `  withdrawn on ${str(entry.withdrawn.issuedAt)} by ${str(entry.withdrawn.byNoticeId)}; its content was deleted from this store`,
  ].join('\n');
}
