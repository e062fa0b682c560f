import type { Tlp } from '../console-models.js';
import { BAR_WIDTHS } from '../statistics-chart.js';
import { TLP_BACKGROUND, TLP_COLOURS, TLP_LEVELS, tlpClass } from '../tlp.js';

/** Every colour of the stylesheet, named once: the contrast test reads the same table. */
export const PALETTE = {
  ink: '#1b1f24',
  paper: '#ffffff',
  muted: '#50565e',
  link: '#0b4f9c',
  linkVisited: '#5a2d91',
  rule: '#8a9199',
  headerBg: '#14263a',
  headerInk: '#ffffff',
  headerFocus: '#ffd34d',
  focus: '#0b4f9c',
  panel: '#f3f5f8',
  tableHead: '#e6ebf1',
  buttonBg: '#0b4f9c',
  buttonHover: '#083b75',
  buttonInk: '#ffffff',
  dangerBg: '#a4161a',
  errorInk: '#7d1013',
  errorBg: '#fdecec',
  infoInk: '#0d3d6b',
  infoBg: '#e7f1fb',
  ctlInk: '#5c3a00',
  ctlBg: '#ffe9a8',
  derivedInk: '#4b2a80',
  derivedBg: '#efe7fb',
  pseudonymInk: '#0f5132',
  pseudonymBg: '#e3f4ea',
  createdBg: '#fff7e0',
  verifiedInk: '#0f5132',
} as const;

/** The text on background pairs the stylesheet uses, with the contrast WCAG 2.2 AA asks of each. */
export const CONTRAST_PAIRS: { what: string; fg: string; bg: string; min: number }[] = [
  { what: 'body text', fg: PALETTE.ink, bg: PALETTE.paper, min: 4.5 },
  { what: 'hints and "not given"', fg: PALETTE.muted, bg: PALETTE.paper, min: 4.5 },
  { what: 'hints on a panel', fg: PALETTE.muted, bg: PALETTE.panel, min: 4.5 },
  { what: 'links', fg: PALETTE.link, bg: PALETTE.paper, min: 4.5 },
  { what: 'links on a panel', fg: PALETTE.link, bg: PALETTE.panel, min: 4.5 },
  { what: 'visited links', fg: PALETTE.linkVisited, bg: PALETTE.paper, min: 4.5 },
  { what: 'text on a panel', fg: PALETTE.ink, bg: PALETTE.panel, min: 4.5 },
  { what: 'table headers', fg: PALETTE.ink, bg: PALETTE.tableHead, min: 4.5 },
  { what: 'the header', fg: PALETTE.headerInk, bg: PALETTE.headerBg, min: 4.5 },
  { what: 'buttons', fg: PALETTE.buttonInk, bg: PALETTE.buttonBg, min: 4.5 },
  { what: 'buttons hovered', fg: PALETTE.buttonInk, bg: PALETTE.buttonHover, min: 4.5 },
  { what: 'danger buttons', fg: PALETTE.buttonInk, bg: PALETTE.dangerBg, min: 4.5 },
  { what: 'error messages', fg: PALETTE.errorInk, bg: PALETTE.errorBg, min: 4.5 },
  { what: 'info messages', fg: PALETTE.infoInk, bg: PALETTE.infoBg, min: 4.5 },
  { what: 'links in a version banner', fg: PALETTE.link, bg: PALETTE.infoBg, min: 4.5 },
  { what: 'visited links in a version banner', fg: PALETTE.linkVisited, bg: PALETTE.infoBg, min: 4.5 },
  { what: '"withdrawn" markers', fg: PALETTE.errorInk, bg: PALETTE.paper, min: 4.5 },
  { what: 'control-character markers', fg: PALETTE.ctlInk, bg: PALETTE.ctlBg, min: 4.5 },
  { what: '"derived by the bus" tags', fg: PALETTE.derivedInk, bg: PALETTE.derivedBg, min: 4.5 },
  { what: 'pseudonyms', fg: PALETTE.pseudonymInk, bg: PALETTE.pseudonymBg, min: 4.5 },
  { what: 'the one-time secret box', fg: PALETTE.ink, bg: PALETTE.createdBg, min: 4.5 },
  { what: '"verified"', fg: PALETTE.verifiedInk, bg: PALETTE.paper, min: 4.5 },
  { what: 'focus outline on the page', fg: PALETTE.focus, bg: PALETTE.paper, min: 3 },
  { what: 'focus outline in the header', fg: PALETTE.headerFocus, bg: PALETTE.headerBg, min: 3 },
  { what: 'control borders', fg: PALETTE.rule, bg: PALETTE.paper, min: 3 },
  { what: 'statistics bars on their track', fg: PALETTE.buttonBg, bg: PALETTE.panel, min: 3 },
  { what: 'statistics bars on the page', fg: PALETTE.buttonBg, bg: PALETTE.paper, min: 3 },
  { what: 'the hatched mark of a suppressed number', fg: PALETTE.muted, bg: PALETTE.paper, min: 3 },
  { what: 'the word "suppressed"', fg: PALETTE.muted, bg: PALETTE.paper, min: 4.5 },
  { what: "a release's note", fg: PALETTE.infoInk, bg: PALETTE.infoBg, min: 4.5 },
  ...TLP_LEVELS.map((tlp: Tlp) => ({ what: `the ${tlp} marking`, fg: TLP_COLOURS[tlp], bg: TLP_BACKGROUND, min: 4.5 })),
];

const p = PALETTE;

/** A statistics bar's length as a class, one a whole percentage (statistics-chart.ts): the CSP allows no style attribute. */
const barWidthRules = Array.from({ length: BAR_WIDTHS + 1 }, (_, i) => `.stat-bar-w${i} { inline-size: ${i}%; }`).join('\n');

const tlpRules = TLP_LEVELS.map((tlp) => `.${tlpClass(tlp)} { color: ${TLP_COLOURS[tlp]}; background-color: ${TLP_BACKGROUND}; }`).join(
  '\n',
);

/**
 * The console's one stylesheet, served at /assets/console.css (the CSP allows no inline
 * style). Logical properties throughout (inline-start, block-end...) so Arabic pages,
 * dir="rtl", mirror without a rule of their own.
 */
export const CONSOLE_CSS = `/* Accord console */
*, *::before, *::after { box-sizing: border-box; }
html { color: ${p.ink}; background-color: ${p.paper}; font-family: system-ui, "Segoe UI", "Noto Sans", "Noto Sans Arabic", Arial, sans-serif; line-height: 1.5; }
body { margin: 0; }
main { display: block; max-inline-size: 72rem; margin-inline: auto; padding-block: 1rem 3rem; padding-inline: 1rem; }
main:focus { outline: none; }
h1 { font-size: 1.6rem; margin-block: 0.5rem 1rem; }
h2 { font-size: 1.3rem; margin-block: 2rem 0.75rem; border-block-end: 1px solid ${p.rule}; padding-block-end: 0.25rem; }
h3 { font-size: 1.1rem; margin-block: 1.5rem 0.5rem; }
h4 { font-size: 1rem; margin-block: 0 0.25rem; }
a { color: ${p.link}; text-underline-offset: 0.15em; }
a:visited { color: ${p.linkVisited}; }
code { font-family: ui-monospace, "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: 0.95em; overflow-wrap: anywhere; }
bdi { unicode-bidi: isolate; }

/* Focus: always visible, never only a colour change. */
:focus-visible { outline: 3px solid ${p.focus}; outline-offset: 2px; }
.site-header :focus-visible { outline-color: ${p.headerFocus}; }

.visually-hidden { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip-link { position: absolute; inset-inline-start: 1rem; inset-block-start: -10rem; z-index: 10; padding: 0.5rem 1rem; color: ${p.headerInk}; background-color: ${p.headerBg}; }
.skip-link:focus { inset-block-start: 0.5rem; outline: 3px solid ${p.headerFocus}; }

/* Header: the node, the navigation, the officer, the language. */
.site-header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding-block: 0.75rem; padding-inline: 1rem; color: ${p.headerInk}; background-color: ${p.headerBg}; }
.site-header a, .site-header a:visited { color: ${p.headerInk}; }
.site-name { margin: 0; font-weight: 700; }
.site-nav ul { display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; list-style: none; }
.site-nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.session { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin-inline-start: auto; }
.session p { margin: 0; }
.lang-form { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.site-header button { color: ${p.headerBg}; background-color: ${p.headerInk}; border-color: ${p.headerInk}; }

/* Forms: every control has its label above it (checkboxes beside). */
form.stacked { display: grid; gap: 1rem; max-inline-size: 32rem; }
.field { display: flex; flex-direction: column; gap: 0.25rem; }
.field-check { display: flex; flex-direction: row; align-items: center; gap: 0.5rem; }
.filters { padding: 1rem; background-color: ${p.panel}; border: 1px solid ${p.rule}; border-radius: 0.25rem; }
.filters h2 { margin-block-start: 0; border: 0; font-size: 1.1rem; }
.filter-fields { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; margin-block-end: 0; }
label, legend { font-weight: 600; }
fieldset { border: 1px solid ${p.rule}; border-radius: 0.25rem; padding: 0.5rem 1rem; }
input, select, button { font: inherit; }
input[type="text"], input[type="password"], input[type="search"], input[type="number"], input[type="date"], input[type="datetime-local"], select, textarea { min-block-size: 2.5rem; padding-block: 0.25rem; padding-inline: 0.5rem; color: ${p.ink}; background-color: ${p.paper}; border: 1px solid ${p.rule}; border-radius: 0.25rem; }
input[type="checkbox"] { inline-size: 1.25rem; block-size: 1.25rem; }
button { min-block-size: 2.5rem; padding-block: 0.25rem; padding-inline: 1rem; color: ${p.buttonInk}; background-color: ${p.buttonBg}; border: 2px solid ${p.buttonBg}; border-radius: 0.25rem; cursor: pointer; }
button:hover { background-color: ${p.buttonHover}; border-color: ${p.buttonHover}; }
button.danger { background-color: ${p.dangerBg}; border-color: ${p.dangerBg}; }
form.inline { display: inline; }
button.secondary { color: ${p.link}; background-color: ${p.paper}; border-color: ${p.link}; }
button.secondary:hover { color: ${p.buttonInk}; background-color: ${p.buttonHover}; }
[aria-invalid="true"] { border: 2px solid ${p.dangerBg}; }
[hidden] { display: none !important; }

/* The composer: fieldsets of fields in a grid, the summary's markup tools, the preview. */
form.compose { display: grid; gap: 1rem; }
.compose-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.75rem 1rem; }
.compose-row { margin-block: 0.5rem; }
textarea { inline-size: 100%; box-sizing: border-box; font: inherit; line-height: 1.5; }
.markup-tools { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.75rem 1rem; margin-block-start: 0.75rem; padding: 0.75rem; background-color: ${p.panel}; border-radius: 0.25rem; }
.markup-tools-title { flex-basis: 100%; margin: 0; font-weight: 600; }
.compose-actions { display: flex; flex-wrap: wrap; gap: 1rem; }
mark.markup-ref { color: ${p.derivedInk}; background-color: ${p.derivedBg}; }
mark.markup-span { color: ${p.ctlInk}; background-color: ${p.ctlBg}; }
.marked-up { white-space: pre-wrap; }
.hint, .not-given { color: ${p.muted}; }
.hint { margin: 0; font-size: 0.95rem; }
.not-given { font-style: italic; }

/* Messages. */
.flash { padding-block: 0.75rem; padding-inline: 1rem; border-inline-start: 0.35rem solid; border-radius: 0.25rem; }
.flash-error, .not-verified { color: ${p.errorInk}; background-color: ${p.errorBg}; border-color: ${p.dangerBg}; }
.flash-info { color: ${p.infoInk}; background-color: ${p.infoBg}; border-color: ${p.infoInk}; }
.not-verified { padding: 0.5rem 1rem; font-weight: 700; }
.verified { color: ${p.verifiedInk}; font-weight: 600; }

/* Tables. */
.table-wrap { overflow-x: auto; }
table { inline-size: 100%; border-collapse: collapse; }
caption { text-align: start; font-weight: 600; padding-block: 0.5rem; }
th, td { text-align: start; vertical-align: top; padding-block: 0.4rem; padding-inline: 0.6rem; border-block-end: 1px solid ${p.rule}; }
thead th { background-color: ${p.tableHead}; }
tr.unread td { font-weight: 700; }
.read-state.unread::before { content: "● "; }

/* TLP 2.0: the label in its FIRST colour on black. */
${tlpRules}
.tlp { display: inline-block; padding-block: 0.1rem; padding-inline: 0.45rem; font-weight: 700; font-family: ui-monospace, Consolas, monospace; white-space: nowrap; border-radius: 0.2rem; }
.tlp-banner { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: baseline; margin-block: 0 1rem; padding-block: 0.75rem; padding-inline: 1rem; font-size: 1.1rem; }
.tlp-label { font-family: ui-monospace, Consolas, monospace; font-size: 1.3rem; white-space: nowrap; }
.print-marking { padding-block: 0.25rem; text-align: center; font-weight: 700; font-family: ui-monospace, Consolas, monospace; }

/* A notice. */
dl { margin: 0; }
.facts, .fields, .secrets, .route { display: grid; grid-template-columns: minmax(10rem, max-content) 1fr; gap: 0.25rem 1.5rem; }
.field-row { display: contents; }
dt { font-weight: 600; }
dd { margin: 0; }
.route { gap: 0 1rem; }
.entity { margin-block: 1rem; padding: 0.75rem 1rem; border: 1px solid ${p.rule}; border-radius: 0.25rem; }
.entity h3 { margin-block-start: 0; }
.entity-id { font-size: 0.8em; font-weight: 400; color: ${p.muted}; }
.element { margin-block: 0.75rem; padding-inline-start: 0.75rem; border-inline-start: 0.25rem solid ${p.tableHead}; }
.element-category { margin-block: 0 0.25rem; }
.summary-text > bdi { white-space: pre-wrap; }
.tag { display: inline-block; margin-inline-start: 0.5rem; padding-block: 0 0.05rem; padding-inline: 0.4rem; font-size: 0.85rem; font-weight: 600; border-radius: 0.2rem; }
.tag-derived { color: ${p.derivedInk}; background-color: ${p.derivedBg}; }
/* A pseudonym reads as one, not as a name. */
.value.pseudonym > bdi { padding-inline: 0.3rem; color: ${p.pseudonymInk}; background-color: ${p.pseudonymBg}; font-family: ui-monospace, Consolas, monospace; border-radius: 0.2rem; }
.withheld-list { padding-inline-start: 1.5rem; }
.receipt { font-weight: 600; }
/* The originator's handling codes: instructions to the reader, set apart under the TLP banner. */
.handling { margin-block: 0 1rem; padding-block: 0.5rem; padding-inline: 1rem; border-inline-start: 4px solid ${p.dangerBg}; }
.handling h2 { margin-block: 0 0.25rem; font-size: 1.1rem; }
.handling-codes { margin: 0; padding-inline-start: 1.25rem; }
.handling-marker { display: block; font-size: 0.9em; font-weight: 600; }
/* A withdrawn notice, or one of several versions: said before anything else of it. */
.withdrawn-banner, .versions, .supplement { margin-block: 0 1rem; padding-block: 0.5rem 0.75rem; padding-inline: 1rem; border-inline-start: 0.35rem solid; border-radius: 0.25rem; }
.withdrawn-banner { color: ${p.errorInk}; background-color: ${p.errorBg}; border-color: ${p.dangerBg}; }
.versions, .supplement { color: ${p.infoInk}; background-color: ${p.infoBg}; border-color: ${p.infoInk}; }
.withdrawn-banner h2, .versions h2, .supplement h2 { margin-block: 0 0.25rem; font-size: 1.1rem; border: 0; }
.withdrawn-banner .facts { margin-block-start: 0.5rem; }
.version-list { margin: 0; padding-inline-start: 1.25rem; }
.version-marker { display: block; font-size: 0.9em; font-weight: 600; }
.version-marker.version-withdrawn { color: ${p.errorInk}; }

/* Requests to widen: an agency's words keep their lines; each pending decision in a box of its own. */
.widen-text > bdi { white-space: pre-wrap; }
.widen-decision { margin-block: 1rem; padding: 0.75rem 1rem; border: 1px solid ${p.rule}; border-radius: 0.25rem; }
.widen-decision h3 { margin-block-start: 0; }
.widen-decision-forms { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 1rem 2rem; }

/* Statistics: each table's bars (a bar's length is a class, stat-bar-w0 to stat-bar-w100) beside the table of the same figures. */
.release-note { padding-block: 0.5rem; padding-inline: 1rem; color: ${p.infoInk}; background-color: ${p.infoBg}; border-inline-start: 0.35rem solid ${p.infoInk}; border-radius: 0.25rem; }
.stat-method { font-weight: 600; }
.stat-contents ul { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; padding: 0; list-style: none; }
.stat-table { margin-block: 1.5rem; }
.stat-table-body { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1rem 2rem; align-items: start; }
.stat-bar-chart { display: grid; grid-template-columns: minmax(5rem, max-content) minmax(6rem, 1fr) max-content; gap: 0.35rem 0.75rem; align-items: center; }
.stat-bar-row { display: contents; }
.stat-bar-key { overflow-wrap: anywhere; }
.stat-bar-track { display: block; block-size: 1.25rem; background-color: ${p.panel}; }
.stat-bar { display: block; block-size: 100%; background-color: ${p.buttonBg}; }
/* A suppressed number has no length: a hatched mark, and the word. */
.stat-bar.stat-bar-suppressed { inline-size: 1.25rem; background-color: ${p.paper}; background-image: repeating-linear-gradient(135deg, ${p.muted} 0 2px, transparent 2px 5px); border: 1px solid ${p.muted}; }
.stat-bar-value, .stat-figures .num { font-variant-numeric: tabular-nums; }
.suppressed-value { color: ${p.muted}; font-style: italic; }
.stat-bar-total { grid-column: 1 / -1; margin: 0; font-weight: 600; }
.stat-figures .total-row th, .stat-figures .total-row td { font-weight: 700; }
${barWidthRules}
@media (forced-colors: active) {
  .stat-bar { forced-color-adjust: none; background-color: CanvasText; }
  .stat-bar.stat-bar-suppressed { background-color: Canvas; background-image: repeating-linear-gradient(135deg, CanvasText 0 2px, transparent 2px 5px); border-color: CanvasText; }
}

/* A hidden character, shown: it cannot reorder or hide the text around it. */
.ctl { display: inline-block; margin-inline: 0.1em; padding-inline: 0.2em; color: ${p.ctlInk}; background-color: ${p.ctlBg}; border: 1px solid ${p.ctlInk}; border-radius: 0.2em; font-family: ui-monospace, Consolas, monospace; font-size: 0.8em; font-weight: 700; font-style: normal; unicode-bidi: isolate; direction: ltr; }

/* A secret shown once. */
.created { margin-block: 1rem 2rem; padding: 1rem; background-color: ${p.createdBg}; border: 3px solid ${p.dangerBg}; border-radius: 0.25rem; }
.created h2 { margin-block-start: 0; border: 0; color: ${p.errorInk}; }
.secret { display: inline-block; padding: 0.25rem 0.5rem; background-color: ${p.paper}; border: 1px solid ${p.rule}; user-select: all; }
.created-warning { font-weight: 700; }

/* The print view on screen: the markings above and below the content. */
.print-frame, .print-frame > * > tr > td { border: 0; padding: 0; }
.print-space { block-size: 0; }

@media print {
  @page { margin: 1.5cm; }
  html { font-size: 11pt; }
  .site-header, .skip-link, .no-print, .print-link, form, nav { display: none; }
  main { max-inline-size: none; padding: 0; }
  a, a:visited { color: ${p.ink}; text-decoration: none; }
  .tlp, .tlp-banner, .print-marking, .ctl, .tag, .stat-bar, .stat-bar-track { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  /* Fixed: Chromium prints it on every page. */
  .print-marking { position: fixed; inset-inline: 0; font-size: 12pt; }
  .print-marking-top { inset-block-start: 0; }
  .print-marking-bottom { inset-block-end: 0; }
  /* The frame's header and footer repeat on every page too, keeping content clear of the markings. */
  .print-space { block-size: 2.2em; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  .entity, .element, tr, .stat-table { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
`;
