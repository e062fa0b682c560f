import type { AuditKindName } from '../audit/index.js';
import { html, visibleText, type SafeHtml } from '../console/index.js';
import type { ChartsModel } from './audit-console-models.js';

/** The class that colours a kind's bars and its legend swatch (the stylesheet holds the colours). */
export function kindClass(kind: AuditKindName): string {
  return `kind-${kind.toLowerCase()}`;
}

/** The smallest of 1, 2, 5 × 10^k at or above n: the top of a chart's scale. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= n) return step * magnitude;
  return 10 * magnitude;
}

const round = (n: number): string => String(Math.round(n * 10) / 10);

const WIDTH = 720;
const HEIGHT = 260;
const PLOT = { left: 56, right: 12, top: 12, bottom: 44 };

/** One bar's segments, bottom to top in the order of the kinds given: `y` is each one's top above the baseline. */
export function stackSegments(
  counts: Partial<Record<AuditKindName, number>>,
  kinds: readonly AuditKindName[],
  scale: number,
): { kind: AuditKindName; count: number; y: number; height: number }[] {
  let base = 0;
  return kinds
    .filter((k) => (counts[k] ?? 0) > 0)
    .map((kind) => {
      const count = counts[kind] ?? 0;
      base += count;
      return { kind, count, y: base * scale, height: count * scale };
    });
}

/**
 * Records per day, stacked by kind: an inline SVG with no style attribute (the CSP allows
 * none): geometry as SVG attributes, colours by class from the stylesheet. Named by its
 * <title> and <desc>; each segment says its day, kind and count in a <title> of its own.
 */
export function perDayChart(model: ChartsModel, title: string, description: string): SafeHtml {
  const days = model.days;
  const top = niceMax(Math.max(1, ...days.map((d) => d.total)));
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const slot = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.min(40, slot * 0.7);
  const scale = plotHeight / top;
  const baseline = PLOT.top + plotHeight;
  const labelEvery = Math.ceil(days.length / 12);
  // Whole numbers only: the middle tick when the top is even.
  const ticks = (top % 2 === 0 ? [0, top / 2, top] : [0, top]).map(
    (v) =>
      html`<g class="tick">
        <line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${round(baseline - v * scale)}" y2="${round(baseline - v * scale)}" />
        <text x="${PLOT.left - 6}" y="${round(baseline - v * scale + 4)}" text-anchor="end">${round(v)}</text>
      </g>`,
  );
  const bars = days.map((d, i) => {
    const x = PLOT.left + i * slot + (slot - barWidth) / 2;
    const segments = stackSegments(d.counts, model.kinds, scale).map(
      (s) =>
        html`<rect
          class="${kindClass(s.kind)}"
          x="${round(x)}"
          y="${round(baseline - s.y)}"
          width="${round(barWidth)}"
          height="${round(s.height)}"
        >
          <title>${d.day} · ${s.kind}: ${s.count}</title>
        </rect>`,
    );
    const label =
      i % labelEvery === 0
        ? html`<text class="day-label" x="${round(x + barWidth / 2)}" y="${baseline + 18}" text-anchor="middle">${d.day.slice(5)}</text>`
        : '';
    return html`<g class="bar">${segments}${label}</g>`;
  });
  return html`<svg
    class="chart-svg"
    role="img"
    aria-labelledby="per-day-title per-day-desc"
    viewBox="${`0 0 ${WIDTH} ${HEIGHT}`}"
    xmlns="http://www.w3.org/2000/svg"
  >
    <title id="per-day-title">${title}</title>
    <desc id="per-day-desc">${description}</desc>
    ${ticks}
    <line class="axis" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${baseline}" y2="${baseline}" />
    ${bars}
  </svg>`;
}

const ROW = 30;
const LABEL_WIDTH = 210;
const COUNT_WIDTH = 60;

/** Quarantines per reason code: horizontal bars, the code before each bar and the count after it. */
export function quarantineChart(model: ChartsModel, title: string, description: string): SafeHtml {
  const rows = model.quarantines;
  const height = rows.length * ROW + 8;
  const top = niceMax(Math.max(1, ...rows.map((r) => r.count)));
  const barSpace = WIDTH - LABEL_WIDTH - COUNT_WIDTH;
  const bars = rows.map((r, i) => {
    const y = 4 + i * ROW;
    const width = Math.max(2, (r.count / top) * barSpace);
    return html`<g class="bar">
      <text x="${LABEL_WIDTH - 8}" y="${y + 19}" text-anchor="end">${r.code === '' ? '—' : visibleText(r.code)}</text>
      <rect class="quarantine-bar" x="${LABEL_WIDTH}" y="${y + 4}" width="${round(width)}" height="${ROW - 8}">
        <title>${visibleText(r.code)}: ${r.count}</title>
      </rect>
      <text x="${round(LABEL_WIDTH + width + 6)}" y="${y + 19}">${r.count}</text>
    </g>`;
  });
  return html`<svg
    class="chart-svg"
    role="img"
    aria-labelledby="quarantine-title quarantine-desc"
    viewBox="${`0 0 ${WIDTH} ${height}`}"
    xmlns="http://www.w3.org/2000/svg"
  >
    <title id="quarantine-title">${title}</title>
    <desc id="quarantine-desc">${description}</desc>
    ${bars}
  </svg>`;
}
