import { DISCLOSURE_METHOD, MEASURES, RELEASE_NOTE, type Coverage, type Measure, type Release } from '../statistics/index.js';
import { visibleText } from './bidi.js';
import { CONSOLE_PATHS, statisticsPath } from './console-paths.js';
import type { Lang, PageContext } from './console-models.js';
import { listHtml, timeHtml } from './format.js';
import { html, raw, text, type SafeHtml } from './html.js';
import { t, tHtml } from './i18n/translate.js';
import { page } from './layout.js';
import { releaseTableHtml } from './statistics-chart.js';
import type { StatisticsModel } from './statistics-models.js';
import { dataTable } from './table.js';
import { isTlp, tlpBadge } from './tlp.js';

/** A GET form choosing the period: every period released to the agency, the newest first, by name and version. */
function periodPicker(ctx: PageContext, model: StatisticsModel): SafeHtml {
  const { lang } = ctx;
  const chosen = model.releases[0]?.period ?? model.selector;
  const options = model.periods.map(
    (p) =>
      html`<option value="${p.period}" ${p.period === chosen ? raw(' selected') : ''}>
        ${t(lang, 'statistics.option', { period: visibleText(p.period), version: p.version })}
      </option>`,
  );
  return html`<form method="get" action="${CONSOLE_PATHS.statistics}" class="filters" aria-labelledby="period-heading">
    <h2 id="period-heading">${t(lang, 'statistics.picker')}</h2>
    <div class="filter-fields">
      <div class="field">
        <label for="statistics-period">${t(lang, 'statistics.periodLabel')}</label>
        <select id="statistics-period" name="period">
          ${options}
        </select>
      </div>
      <button type="submit">${t(lang, 'statistics.show')}</button>
    </div>
  </form>`;
}

/** When nothing is released yet: why, in two sentences. */
function emptyState(lang: Lang): SafeHtml {
  return html`<section class="stat-empty" aria-labelledby="empty-heading">
    <h2 id="empty-heading">${t(lang, 'statistics.none')}</h2>
    <p>${t(lang, 'statistics.noneWhy')}</p>
  </section>`;
}

function coverageHtml(lang: Lang, coverage: readonly Coverage[], id: string): SafeHtml {
  const levels = (c: Coverage): SafeHtml =>
    listHtml(
      lang,
      c.countedTlp.map((level) => (isTlp(level) ? tlpBadge(level) : text(level))),
    );
  const table =
    coverage.length === 0
      ? html`<p>${t(lang, 'statistics.coverageNone')}</p>`
      : dataTable(
          t(lang, 'statistics.coverageCaption'),
          [t(lang, 'statistics.issuer'), t(lang, 'statistics.countedTlp')],
          coverage.map(
            (c) =>
              html`<tr>
                <th scope="row">${text(c.issuer)}</th>
                <td>${levels(c)}</td>
              </tr>`,
          ),
          { className: 'coverage', hiddenCaption: true },
        );
  return html`<section aria-labelledby="${id}">
    <h3 id="${id}">${t(lang, 'statistics.coverage')}</h3>
    <p class="hint">${t(lang, 'statistics.coverageHint')}</p>
    ${table}
  </section>`;
}

function disclosureHtml(lang: Lang, release: Release, id: string): SafeHtml {
  const d = release.disclosure;
  const method = d.method === DISCLOSURE_METHOD ? t(lang, 'statistics.method') : text(d.method);
  return html`<section aria-labelledby="${id}">
    <h3 id="${id}">${t(lang, 'statistics.disclosure')}</h3>
    <p class="stat-method">${method}</p>
    <p>${t(lang, 'statistics.disclosureRule', { threshold: Math.max(1, d.k - 1), k: d.k, p: d.p })}</p>
    <p>
      ${t(lang, 'statistics.suppressedCount', { suppressed: d.suppressed, cells: d.cells, primary: d.primary, secondary: d.secondary })}
    </p>
    <p class="hint">${t(lang, 'statistics.suppressedMeaning')}</p>
  </section>`;
}

/** The facts of the version shown: the period's bounds, the version, when it was released, the unit and its note. */
function factsHtml(lang: Lang, release: Release): SafeHtml {
  const note = release.note === RELEASE_NOTE ? t(lang, 'statistics.note') : text(release.note);
  const unit = release.unit === 'notice' ? t(lang, 'statistics.unitNotice') : text(release.unit);
  return html`<dl class="facts">
      <dt>${t(lang, 'statistics.periodLabel')}</dt>
      <dd>
        ${tHtml(lang, 'statistics.periodSpan', { start: timeHtml(lang, release.periodStart), end: timeHtml(lang, release.periodEnd) })}
      </dd>
      <dt>${t(lang, 'statistics.version')}</dt>
      <dd>${t(lang, 'statistics.versionValue', { version: release.version })}</dd>
      <dt>${t(lang, 'statistics.releasedAt')}</dt>
      <dd>${timeHtml(lang, release.releasedAt)}</dd>
      <dt>${t(lang, 'statistics.unit')}</dt>
      <dd>${unit}</dd>
    </dl>
    <p class="release-note">${note}</p>`;
}

/** The tables of one measure, under its heading, each with its chart and figures. */
function measureHtml(lang: Lang, release: Release, measure: Measure, prefix: string): SafeHtml {
  const tables = release.tables.map((table, i) => ({ table, i })).filter(({ table }) => table.measure === measure);
  if (tables.length === 0) return html``;
  const id = `${prefix}-${measure}`;
  return html`<section class="stat-measure" aria-labelledby="${id}">
    <h3 id="${id}">${t(lang, `statistics.measure.${measure}`)}</h3>
    ${tables.map(({ table, i }) => releaseTableHtml(lang, table, `${prefix}-t${i}`))}
  </section>`;
}

function releaseHtml(lang: Lang, release: Release, index: number): SafeHtml {
  const prefix = `r${index}`;
  const measures = MEASURES.filter((m) => release.tables.some((table) => table.measure === m));
  const contents = html`<div class="stat-contents">
    <h3 id="${`${prefix}-contents`}">${t(lang, 'statistics.contents')}</h3>
    <ul aria-labelledby="${`${prefix}-contents`}">
      ${measures.map((m) => html`<li><a href="${`#${prefix}-${m}`}">${t(lang, `statistics.measure.${m}`)}</a></li>`)}
    </ul>
  </div>`;
  return html`<article class="release" aria-labelledby="${`${prefix}-heading`}">
    <h2 id="${`${prefix}-heading`}">${tHtml(lang, 'statistics.releaseHeading', { period: release.period })}</h2>
    ${factsHtml(lang, release)} ${coverageHtml(lang, release.coverage, `${prefix}-coverage`)}
    ${disclosureHtml(lang, release, `${prefix}-disclosure`)} ${contents} ${measures.map((m) => measureHtml(lang, release, m, prefix))}
  </article>`;
}

/**
 * `/statistics`: the statistical releases the bus delivered to the agency, verified by the
 * node. A period picker; for the release shown, its version, note, coverage and
 * disclosure control; then each table, by measure, as bars and as a table of the same
 * figures. Before any release, why there is none yet.
 */
export function renderStatistics(ctx: PageContext, model: StatisticsModel): string {
  const { lang } = ctx;
  const body =
    model.periods.length === 0
      ? emptyState(lang)
      : html`${periodPicker(ctx, model)}
        ${
          model.releases.length === 0 && model.selector !== undefined
            ? html`<p class="flash flash-error" role="alert">${tHtml(lang, 'statistics.noneForPeriod', { period: model.selector })}</p>`
            : ''
        }
        ${model.releases.map((release, i) => releaseHtml(lang, release, i))}`;
  const main = html`<h1>${t(lang, 'statistics.title')}</h1>
    <p class="hint">${t(lang, 'statistics.intro')}</p>
    ${body}`;
  return page(ctx, {
    title: t(lang, 'statistics.title'),
    path: statisticsPath(model.selector),
    bodyClass: 'page-statistics',
    current: 'statistics',
    main,
  });
}
