import { describe, expect, test } from 'vitest';
import {
  BAR_WIDTHS,
  CONSOLE_CSS,
  barClass,
  renderStatistics,
  statisticsModel,
  tableTitle,
  type Lang,
  type PageContext,
} from '../../libs/console/index.js';
import type { Release, ReleaseTable } from '../../libs/statistics/index.js';
import { asRole, forms, signedIn, squash, tags } from './console-fixture.js';
import { novemberRelease, octoberRelease, statisticsPageModel } from '../harness/statistics-releases.js';

const officer = (lang: Lang = 'en'): PageContext => asRole(signedIn(lang), 'officer');

/** Markup as text a person reads: tags out, entities of the escaping back. */
function readable(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One table of the page (its heading, chart and figures), by the table's index in the release. */
function tableSection(markup: string, index: number): string {
  const squashed = squash(markup);
  const start = squashed.indexOf(`<div class="stat-table"><h4 id="r0-t${index}">`);
  expect(start, `table ${index} is on the page`).toBeGreaterThanOrEqual(0);
  const next = squashed.indexOf('<div class="stat-table">', start + 1);
  return squashed.slice(start, next === -1 ? squashed.indexOf('</article>', start) : next);
}

/** The chart's bars: [key, bar class, value] as a person reads them. */
function bars(section: string): [string, string, string][] {
  return [
    ...section.matchAll(
      /<span class="stat-bar-key">(.*?)<\/span><span class="stat-bar-track"><span class="([^"]*)"><\/span><\/span><span class="stat-bar-value">(.*?)<\/span>/g,
    ),
  ].map((m) => [readable(m[1] ?? ''), m[2] ?? '', readable(m[3] ?? '')]);
}

/** The data table's rows: [key, value], the total last. */
function figures(section: string): [string, string][] {
  return [...section.matchAll(/<tr(?: class="total-row")?><th scope="row">(.*?)<\/th><td class="num">(.*?)<\/td><\/tr>/g)].map((m) => [
    readable(m[1] ?? ''),
    readable(m[2] ?? ''),
  ]);
}

const indexOf = (release: Release, id: string): number => release.tables.findIndex((t) => t.id === id);

function table(release: Release, id: string): ReleaseTable {
  const found = release.tables.find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

describe('the Statistics page', () => {
  const release = novemberRelease();
  const markup = renderStatistics(officer(), statisticsPageModel());

  test('shows every table of the latest period under its title, with a published value of each', () => {
    const text = readable(markup);
    release.tables.forEach((t, i) => {
      const section = tableSection(markup, i);
      const title = tableTitle('en', t);
      expect(section).toContain(`<h4 id="r0-t${i}">${title}</h4>`);
      const published = t.cells.find((c) => !c.suppressed && c.value !== null && c.value > 0);
      if (published) expect(bars(section)).toContainEqual([expect.any(String), expect.any(String), String(published.value)]);
    });
    expect(text).toContain('Notices by type');
    expect(text).toContain('Migrants reported by country of origin');
    expect(text).toContain('Persons by nationality: Smuggled migrant');
    expect(bars(tableSection(markup, indexOf(release, 'notices.type')))).toContainEqual(['Alert', 'stat-bar stat-bar-w100', '22']);
  });

  test('groups the tables by measure: notices, migrants, deaths, persons, in that order', () => {
    const headings = tags(markup, 'h3')
      .map((h) => h.id)
      .filter((id) => /^r0-(notices|migrants|deaths|persons)$/.test(id ?? ''));
    expect(headings).toEqual(['r0-notices', 'r0-migrants', 'r0-deaths', 'r0-persons']);
    expect(
      tags(markup, 'a')
        .filter((a) => a.href?.startsWith('#r0-'))
        .map((a) => a.href),
    ).toEqual(['#r0-notices', '#r0-migrants', '#r0-deaths', '#r0-persons']);
  });

  test('draws a bar as long as its share of the largest cell, a nonzero one never as nothing', () => {
    expect(bars(tableSection(markup, indexOf(release, 'notices.type')))).toContainEqual(['Case update', 'stat-bar stat-bar-w32', '7']);
    expect(barClass(22, 22)).toBe('stat-bar-w100');
    expect(barClass(1, 10_000)).toBe('stat-bar-w1');
    expect(barClass(0, 10)).toBe('stat-bar-w0');
    expect(barClass(0, 0)).toBe('stat-bar-w0');
  });

  test('shows a suppressed cell as suppressed, with no bar, never as 0; a real 0 as 0', () => {
    expect(table(release, 'notices.type').cells.find((c) => c.key === 'REQUEST_FOR_INFORMATION')?.suppressed).toBe(true);
    expect(table(release, 'migrants.type').cells.find((c) => c.key === 'REQUEST_FOR_INFORMATION')?.value).toBe(0);
    const suppressed = tableSection(markup, indexOf(release, 'notices.type'));
    expect(bars(suppressed)).toContainEqual(['Request for information', 'stat-bar stat-bar-suppressed', 'suppressed']);
    expect(figures(suppressed)).toContainEqual(['Request for information', 'suppressed']);
    expect(figures(suppressed)).not.toContainEqual(['Request for information', '0']);
    const zero = tableSection(markup, indexOf(release, 'migrants.type'));
    expect(bars(zero)).toContainEqual(['Request for information', 'stat-bar stat-bar-w0', '0']);
    expect(figures(zero)).toContainEqual(['Request for information', '0']);
  });

  test('a suppressed total is said so under the chart and in the table', () => {
    const transit = table(release, 'notices.transit');
    expect(transit.total.suppressed).toBe(false);
    const section = tableSection(markup, indexOf(release, 'notices.transit'));
    expect(readable(section)).toContain(`Total: ${transit.total.value}`);
    const suppressedTotal = { ...transit, total: { value: null, suppressed: true } };
    const shown = renderStatistics(officer(), statisticsModel([{ ...release, tables: [suppressedTotal] }]));
    expect(readable(tableSection(shown, 0))).toContain('Total: suppressed');
    expect(figures(tableSection(shown, 0)).at(-1)).toEqual(['Total', 'suppressed']);
  });

  test('has, beside each chart, a data table of the same figures, its caption the title', () => {
    release.tables.forEach((t, i) => {
      const section = tableSection(markup, i);
      const rows = figures(section);
      expect(rows.slice(0, -1), t.id).toEqual(bars(section).map(([key, , value]) => [key, value]));
      expect(rows.at(-1)?.[0]).toBe('Total');
      expect(rows.map(([, value]) => value)).toEqual([...t.cells, t.total].map((c) => (c.suppressed ? 'suppressed' : String(c.value))));
      expect(/<caption[^>]*>(.*?)<\/caption>/.exec(section)?.[1]?.trim()).toBe(tableTitle('en', t));
    });
  });

  test('names each chart as an image that points to its table', () => {
    const charts = tags(markup, 'div').filter((d) => d.class === 'stat-bar-chart');
    expect(charts.length).toBe(release.tables.filter((t) => t.cells.length > 0).length);
    for (const chart of charts) {
      expect(chart.role).toBe('img');
      expect(chart['aria-label']).toMatch(/^Bar chart: .+\. The table beside it has the same figures\.$/);
    }
  });

  test('says a table with no cell has nothing of its kind, and still gives its total', () => {
    const section = tableSection(markup, indexOf(release, 'persons.FACILITATOR.nationality'));
    expect(readable(section)).toContain('Nothing of this kind was counted in this period.');
    expect(bars(section)).toEqual([]);
    expect(figures(section)).toEqual([['Total', '0']]);
  });

  test('says the version shown, when it was released, the period, and the note that the unit is the notice', () => {
    const text = readable(markup);
    expect(squash(markup)).toContain('<h2 id="r0-heading">Period <bdi>2026-11</bdi></h2>');
    expect(text).toContain('Version 2: a later version replaces');
    expect(tags(markup, 'time').map((t) => t.datetime)).toEqual(
      expect.arrayContaining(['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-12-04T06:00:00.000Z']),
    );
    expect(text).toContain('The unit is the notice, not the incident: an incident reported by two agencies is counted twice');
  });

  test('lists the issuers covered with the TLP levels each counts', () => {
    const coverage = squash(markup);
    expect(coverage).toContain(
      '<th scope="row"><bdi>gr-coastguard</bdi></th><td><span class="tlp tlp-clear">TLP:CLEAR</span>, <span class="tlp tlp-green">TLP:GREEN</span></td>',
    );
    expect(coverage).toContain('<th scope="row"><bdi>it-police</bdi></th>');
    expect(coverage).toContain('<span class="tlp tlp-amber">TLP:AMBER</span>');
  });

  test('summarises the disclosure control: k, p and the numbers suppressed of the total', () => {
    const d = release.disclosure;
    const text = readable(markup);
    expect(text).toContain('Threshold and secondary suppression');
    expect(text).toContain(`(k = ${d.k}, p = ${d.p})`);
    expect(text).toContain(
      `${d.suppressed} of the ${d.cells} numbers of this release are suppressed: ${d.primary} for their own few contributors, ${d.secondary} to protect others.`,
    );
  });

  test('picks the period with a GET form listing every period released, the newest first, the one shown selected', () => {
    const [picker] = forms(markup).filter((f) => f.action === '/statistics');
    expect(picker?.method).toBe('get');
    expect(tags(picker?.body ?? '', 'select')).toEqual([{ id: 'statistics-period', name: 'period' }]);
    const options = tags(picker?.body ?? '', 'option');
    expect(options.map((o) => o.value)).toEqual(['2026-11', '2026-10']);
    expect(options.find((o) => 'selected' in o)?.value).toBe('2026-11');
    expect(readable(picker?.body ?? '')).toContain('2026-11 (version 2)');
    expect(readable(picker?.body ?? '')).toContain('2026-10 (version 1)');
  });

  test('shows the period asked for, selected in the picker', () => {
    const october = renderStatistics(officer(), statisticsPageModel('2026-10'));
    const headings = [...squash(october).matchAll(/<h2 id="r\d+-heading">(.*?)<\/h2>/g)].map((m) => readable(m[1] ?? ''));
    expect(headings).toEqual(['Period 2026-10']);
    expect(tags(october, 'option').find((o) => 'selected' in o && o.value?.startsWith('2026'))?.value).toBe('2026-10');
    const [lang] = forms(october).filter((f) => f.action === '/lang');
    expect(tags(lang?.body ?? '', 'input')).toContainEqual({ type: 'hidden', name: 'back', value: '/statistics?period&#61;2026-10' });
  });

  test('says when the period asked for has no release, and still offers the others', () => {
    const missing = renderStatistics(officer(), statisticsPageModel('2025-01'));
    expect(readable(missing)).toContain('There is no release for the period 2025-01.');
    expect(missing).toContain('role="alert"');
    expect(tags(missing, 'option').map((o) => o.value)).toContain('2026-11');
    expect(missing).not.toContain('class="stat-table"');
  });

  test('before any release: why there is none yet, and no picker', () => {
    const empty = renderStatistics(officer(), statisticsModel([]));
    const text = readable(empty);
    expect(text).toContain('No statistical release has reached this agency yet.');
    expect(text).toContain('A period is released once it has closed and its grace time has passed');
    expect(text).toContain('Only agencies registered on the bus as research bodies receive releases.');
    expect(forms(empty).filter((f) => f.action === '/statistics')).toEqual([]);
    expect(empty).not.toContain('class="stat-bar-chart"');
  });

  test('is in French and Arabic too: titles, the word for suppressed, the note', () => {
    const fr = readable(renderStatistics(officer('fr'), statisticsPageModel()));
    expect(fr).toContain('Avis par type');
    expect(fr).toContain('supprimé');
    expect(fr).toContain('L’unité est l’avis, non l’incident');
    const ar = readable(renderStatistics(officer('ar'), statisticsPageModel()));
    expect(ar).toContain('الإشعارات حسب النوع');
    expect(ar).toContain('محجوب');
    expect(ar).toContain('وحدة العدّ هي الإشعار لا الحادثة');
  });

  test('is in the navigation of officers and supervisors, marked as the current page', () => {
    expect(markup).toContain('<a href="/statistics"  aria-current="page">Statistics</a>');
    const supervisor = renderStatistics(asRole(signedIn(), 'supervisor'), statisticsPageModel());
    expect(tags(supervisor, 'a').map((a) => a.href)).toContain('/statistics');
  });
});

describe('the Statistics model', () => {
  test('shows the latest period by default, and keeps the highest version of a period given twice', () => {
    const v1 = { ...novemberRelease(), version: 1 };
    const model = statisticsModel([novemberRelease(), octoberRelease(), v1]);
    expect(model.periods.map((p) => [p.period, p.version])).toEqual([
      ['2026-11', 2],
      ['2026-10', 1],
    ]);
    expect(model.releases.map((r) => [r.period, r.version])).toEqual([['2026-11', 2]]);
  });

  test('a month selects every period that starts in it (periods of a fixed length), oldest first', () => {
    const at = (start: string): Release => ({ ...octoberRelease(), period: start, periodStart: start });
    const model = statisticsModel([at('2026-10-02T00:00:00Z'), at('2026-10-01T00:00:00Z'), at('2026-11-01T00:00:00Z')], '2026-10');
    expect(model.releases.map((r) => r.period)).toEqual(['2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z']);
    expect(model.selector).toBe('2026-10');
  });

  test('nothing released: no period, nothing shown', () => {
    expect(statisticsModel([])).toEqual({ periods: [], releases: [] });
  });
});

describe('the stylesheet of the charts', () => {
  test('has a width for every bar class, and draws a suppressed mark of its own', () => {
    for (let i = 0; i <= BAR_WIDTHS; i++) expect(CONSOLE_CSS).toContain(`.stat-bar-w${i} { inline-size: ${i}%; }`);
    expect(CONSOLE_CSS).toMatch(/\.stat-bar\.stat-bar-suppressed \{[^}]*repeating-linear-gradient/);
  });
});
