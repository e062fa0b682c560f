import { AUDIT_KINDS, type AuditKindName } from '../../audit/index.js';
import { CONSOLE_CSS, PALETTE } from '../../console/index.js';

/**
 * The colour of each kind's bars: every one at least 3:1 against the page (WCAG 2.2
 * 1.4.11, graphical objects), and neighbours in a stack apart by a white rule. The table
 * beside each chart holds the same figures, so no reading depends on telling colours apart.
 */
export const KIND_COLOURS: Record<AuditKindName, string> = {
  RECEIVED: '#1f4e9c',
  QUARANTINED: '#a4161a',
  ACCEPTED: '#0f6b3a',
  ROUTED: '#6a3d9a',
  VIEW: '#b35900',
  DELIVERED: '#00727a',
  RECEIPT: '#8a2be2',
  KEY: '#5c5c5c',
  POLICY: '#7a5c00',
  SERVICE: '#2f2f7a',
  CHECKPOINT: '#1b1f24',
  ERASED: '#7a1f4e',
  WIDEN_REQUESTED: '#4d5d00',
  WIDEN_RELEASED: '#005a8c',
  WIDEN_REFUSED: '#8c3b00',
  STATISTICS: '#3d5a1f',
};

/** The auditor console's own colours beyond the node console's palette. */
export const AUDIT_PALETTE = {
  quarantineBar: PALETTE.dangerBg,
  gridLine: '#c4c9cf',
  intactBg: '#e3f4ea',
  intactInk: '#0f5132',
} as const;

/** Colour pairs the auditor console adds, with the contrast WCAG 2.2 AA asks of each (a test reads them). */
export const AUDIT_CONTRAST_PAIRS: { what: string; fg: string; bg: string; min: number }[] = [
  ...AUDIT_KINDS.map((k) => ({ what: `the ${k} bars`, fg: KIND_COLOURS[k], bg: PALETTE.paper, min: 3 })),
  { what: 'the quarantine bars', fg: AUDIT_PALETTE.quarantineBar, bg: PALETTE.paper, min: 3 },
  { what: 'chart labels', fg: PALETTE.ink, bg: PALETTE.paper, min: 4.5 },
  { what: 'the "intact" verdict', fg: AUDIT_PALETTE.intactInk, bg: AUDIT_PALETTE.intactBg, min: 4.5 },
  { what: 'the progress bar', fg: PALETTE.buttonBg, bg: PALETTE.panel, min: 3 },
];

const kindRules = AUDIT_KINDS.map(
  (k) => `.kind-${k.toLowerCase()} { fill: ${KIND_COLOURS[k]}; background-color: ${KIND_COLOURS[k]}; }`,
).join('\n');

const p = PALETTE;
const a = AUDIT_PALETTE;

/**
 * The auditor console's one stylesheet, served at /assets/audit.css: the node console's,
 * then what the auditor's pages add (the verdict, the progress bar, the charts). Logical
 * properties only, so Arabic pages mirror; the charts keep left-to-right axes.
 */
export const AUDIT_CSS = `${CONSOLE_CSS}
/* The auditor console. */
.num { font-variant-numeric: tabular-nums; }
/* A kind, a code, a hash: one word each, never broken across lines (a wide table scrolls). */
table.records td code { overflow-wrap: normal; white-space: nowrap; }
.chain-height { font-size: 1.4rem; }
.next-steps li { margin-block-end: 0.5rem; }
.field-error { margin: 0; color: ${p.errorInk}; font-weight: 600; }
input[aria-invalid="true"], select[aria-invalid="true"] { border: 2px solid ${p.dangerBg}; }
.pagination ul { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.verify-running { display: grid; gap: 0.5rem; max-inline-size: 40rem; }
progress { inline-size: 100%; block-size: 1.5rem; accent-color: ${p.buttonBg}; }
.verdict { margin-block: 1rem; padding-block: 0.75rem; padding-inline: 1rem; border-inline-start: 0.35rem solid; border-radius: 0.25rem; }
.verdict p { margin-block: 0.25rem; }
.verdict-intact { color: ${a.intactInk}; background-color: ${a.intactBg}; border-color: ${a.intactInk}; }
.verdict-broken { color: ${p.errorInk}; background-color: ${p.errorBg}; border-color: ${p.dangerBg}; }
.bad-index { font-size: 1.3rem; }
.chart { margin-block: 1rem; margin-inline: 0; }
.chart-svg { display: block; inline-size: 100%; max-inline-size: 60rem; block-size: auto; direction: ltr; }
.chart-svg text { fill: ${p.ink}; font-size: 12px; font-family: system-ui, "Segoe UI", "Noto Sans", Arial, sans-serif; }
.chart-svg .tick line { stroke: ${a.gridLine}; stroke-width: 1; }
.chart-svg .axis { stroke: ${p.ink}; stroke-width: 1; }
.chart-svg rect { stroke: ${p.paper}; stroke-width: 1; }
.quarantine-bar { fill: ${a.quarantineBar}; }
${kindRules}
.legend h3 { margin-block: 0.5rem; font-size: 1rem; }
.legend ul { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; margin: 0; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: 0.4rem; }
.swatch { display: inline-block; inline-size: 1rem; block-size: 1rem; border: 1px solid ${p.ink}; }
`;
