import type { StoredView } from '../libs/client/index.js';
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

/**
 * A view in a few readable lines: what the notice is, each element shown, what was
 * withheld. From the local store or from a node: only the view and its delivery count.
 */
export function formatView(stored: Pick<StoredView, 'view' | 'deliverySeq'>): string {
  const view = stored.view;
  const core = (view.core ?? {}) as JsonObject;
  const route = (core.route ?? {}) as JsonObject;
  const legs = ['origin', 'transit', 'destination'].map((leg) => ((route[leg] as string[] | undefined) ?? []).join(',') || '-');
  const lines = [
    `notice ${str(core.noticeId)}  ${str(core.type)}  TLP:${str(core.tlp)}  from ${str(core.issuingAgency)}  (delivery #${stored.deliverySeq})`,
    `  case ${str(core.caseRef)}, issued ${str(core.issuedAt)}, mode ${str(core.mode)}, route ${legs.join(' > ')}` +
      `, migrants ${str(core.migrantCount ?? 0)}, deaths ${str(core.deathsReported ?? 0)}`,
  ];
  const caveats = (core.caveats as string[] | undefined) ?? [];
  if (caveats.length) lines.push(`  caveats: ${caveats.join(', ')}`);
  // The originator's handling codes, each on its own line with what it asks of the reader.
  for (const h of describeHandling(((core.handling as unknown[] | undefined) ?? []).map(str))) {
    lines.push(`  handling: ${h.code}${h.meaning ? ` (${h.meaning})` : ''}`);
  }
  for (const element of (view.elements as JsonObject[] | undefined) ?? []) {
    lines.push(`  ${str(element.path)} [${str(element.category)}${element.derived ? ', derived' : ''}] ${describeValue(element)}`);
  }
  const withheld = (view.withheld as JsonObject[] | undefined) ?? [];
  if (withheld.length) lines.push(`  withheld: ${withheld.map((w) => `${str(w.path)} (${str(w.category)})`).join(', ')}`);
  lines.push(
    `  granted: ${((view.grantedCategories as string[] | undefined) ?? []).join(', ')}; rules ${((view.ruleIds as string[] | undefined) ?? []).join(', ')}`,
  );
  return lines.join('\n');
}
