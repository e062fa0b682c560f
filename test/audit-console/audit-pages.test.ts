import { beforeAll, describe, expect, test } from 'vitest';
import {
  ChartsCollector,
  OverviewCollector,
  RecordsCollector,
  parseRecordsQuery,
  renderAuditError,
  renderCharts,
  renderOverview,
  renderRecords,
  renderTrail,
  renderVerify,
  TrailCollector,
  type AuditPageContext,
  type RecordRow,
  type RecordsModel,
  type VerifyState,
} from '../../libs/audit-console/index.js';
import type { Lang } from '../../libs/console/index.js';
import { forms, squash, tags } from '../harness/markup.js';
import { auditFixture, collect, NOTICE, type AuditFixture } from './audit-fixture.js';

let fx: AuditFixture;
beforeAll(async () => {
  fx = await auditFixture();
});

const ctx = (lang: Lang = 'en', path = '/'): AuditPageContext => ({ lang, path });

/** Values from records are untrusted: an agency, a code, a notice id as the chain might hold them. */
const HOSTILE = '"><img src=x onerror=alert(1)>\u202egnp.exe';
const hostileRow: RecordRow = {
  index: 7,
  time: '2026-11-29T09:00:00.000Z',
  kind: 'QUARANTINED',
  agency: HOSTILE,
  recipient: '',
  noticeId: HOSTILE,
  code: `<script>alert(1)</script>`,
  hashPrefix: '0123456789abcdef',
};

function recordsModel(over: Partial<RecordsModel> = {}): RecordsModel {
  return { query: { page: 1 }, typed: {}, invalid: [], rows: [hostileRow], matched: 1, pageSize: 50, height: 12, ...over };
}

const STATES: Record<string, VerifyState> = {
  idle: { state: 'idle' },
  running: { state: 'running', startedAt: '2026-12-01T10:00:00.000Z', checked: 420, fraction: 0.42 },
  intact: {
    state: 'done',
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:00:03.000Z',
    outcome: { count: 12, checkpoints: 1, sealed: 10, unsealed: 1, broken: undefined },
  },
  broken: {
    state: 'done',
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:00:03.000Z',
    outcome: {
      count: 4,
      checkpoints: 0,
      sealed: 0,
      unsealed: 4,
      broken: { index: 4, reason: 'the stored hash is not SHA-256 of the record' },
    },
  },
  failed: { state: 'failed', startedAt: '2026-12-01T10:00:00.000Z', finishedAt: '2026-12-01T10:00:01.000Z', message: '<b>bus away</b>' },
};

/** Every page in one language, from the fixture chain and the models above. */
async function everyPage(lang: Lang): Promise<Record<string, string>> {
  const c = ctx(lang);
  const overview = collect(new OverviewCollector(), fx.records);
  const records = collect(new RecordsCollector(parseRecordsQuery({})), fx.records);
  const trail = collect(new TrailCollector(NOTICE), fx.records);
  const charts = collect(new ChartsCollector(), fx.records);
  return {
    overview: renderOverview(c, await overview.model(fx.auditKey, fx.auditPublicKey.kid)),
    records: renderRecords(c, records.model()),
    'hostile records': renderRecords(c, recordsModel()),
    'invalid filters': renderRecords(
      c,
      recordsModel({ invalid: ['agency', 'since'], typed: { agency: 'X', since: 'yesterday' }, rows: [], matched: 0 }),
    ),
    trail: renderTrail(c, trail.model()),
    'empty trail': renderTrail(c, collect(new TrailCollector('00000000-0000-4000-8000-000000000000'), fx.records).model()),
    charts: renderCharts(c, charts.model()),
    'empty charts': renderCharts(c, new ChartsCollector().model()),
    error: renderAuditError(c, 503, 'error.unavailable', { message: HOSTILE }),
    ...Object.fromEntries(Object.entries(STATES).map(([name, state]) => [`verify ${name}`, renderVerify(c, state)])),
  };
}

const LANGS: Lang[] = ['en', 'fr', 'ar'];

describe('every page of the auditor console', () => {
  let pages: [string, string][] = [];
  beforeAll(async () => {
    pages = (
      await Promise.all(
        LANGS.map(async (lang) => Object.entries(await everyPage(lang)).map(([n, m]): [string, string] => [`${n} (${lang})`, m])),
      )
    ).flat();
  });

  test('is a whole document with its language, direction, one stylesheet and one deferred script of the console', () => {
    for (const [name, markup] of pages) {
      expect(markup.startsWith('<!doctype html>\n'), name).toBe(true);
      const [root] = tags(markup, 'html');
      expect(root?.dir, name).toBe(root?.lang === 'ar' ? 'rtl' : 'ltr');
      expect(tags(markup, 'link'), name).toEqual([{ rel: 'stylesheet', href: '/assets/audit.css' }]);
      expect(tags(markup, 'script'), name).toEqual([{ src: '/assets/audit.js', defer: '' }]);
    }
  });

  test('has nothing inline: no style attribute or element, no event handler, no javascript: URL', () => {
    for (const [name, markup] of pages) {
      expect(markup, name).not.toMatch(/\sstyle=|<style|\son[a-z]+=|javascript:/i);
    }
  });

  test('has a skip link to its main landmark, a header, and navigation', () => {
    for (const [name, markup] of pages) {
      expect(tags(markup, 'a')[0], name).toEqual({ class: 'skip-link', href: '#main' });
      expect(tags(markup, 'main'), name).toEqual([{ id: 'main', tabindex: '-1' }]);
      expect(tags(markup, 'nav').length, name).toBeGreaterThanOrEqual(1);
    }
  });

  test('labels every control: each input and select has a <label for> (hidden inputs aside)', () => {
    for (const [name, markup] of pages) {
      const labelled = new Set(tags(markup, 'label').map((l) => l.for));
      for (const control of [...tags(markup, 'input'), ...tags(markup, 'select'), ...tags(markup, 'progress')]) {
        if (control.type === 'hidden') continue;
        expect(labelled.has(control.id), `${name}: ${JSON.stringify(control)}`).toBe(true);
      }
    }
  });

  test('posts the language with the page as its way back', () => {
    const [lang] = forms(renderRecords(ctx('en', '/records?kind=VIEW'), recordsModel())).filter((f) => f.action === '/lang');
    expect(lang?.method).toBe('post');
    expect(tags(lang?.body ?? '', 'input')).toContainEqual({ type: 'hidden', name: 'back', value: '/records?kind&#61;VIEW' });
  });
});

describe('values from the chain are escaped', () => {
  test('an agency, a notice id and a code render as text, their controls shown, never as markup', () => {
    const markup = renderRecords(ctx(), recordsModel());
    expect(markup).not.toContain('<img');
    expect(markup).not.toContain('<script>alert');
    expect(markup).toContain('&quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;<span class="ctl" title="U+202E">⟨U+202E⟩</span>gnp.exe');
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The trail link's path is one encoded segment.
    expect(markup).toContain('href="/notices/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%E2%80%AEgnp.exe"');
  });

  test('an error message from the bus is text', () => {
    expect(renderVerify(ctx(), STATES.failed ?? { state: 'idle' })).toContain('&lt;b&gt;bus away&lt;/b&gt;');
  });
});

describe('the verify page', () => {
  test('idle: a button that posts to /verify', () => {
    const markup = renderVerify(ctx(), { state: 'idle' });
    const [form] = forms(markup).filter((f) => f.action === '/verify');
    expect(form?.method).toBe('post');
    expect(squash(form?.body ?? '')).toContain('<button type="submit">Verify the whole chain</button>');
  });

  test('running: a labelled progress bar, a status line, the status URL for the script, a refresh for no script', () => {
    const markup = renderVerify(ctx(), STATES.running ?? { state: 'idle' });
    expect(tags(markup, 'progress')).toEqual([{ id: 'verify-progress', max: '100', value: '42', 'data-status': '/verify/status' }]);
    expect(squash(markup)).toContain('<p id="verify-status" role="status">Verifying: 420 records checked so far.</p>');
    expect(markup).toContain('<noscript><meta http-equiv="refresh" content="2" /></noscript>');
    expect(forms(markup).filter((f) => f.action === '/verify')).toEqual([]);
  });

  test('intact: the count and the sealing; broken: the first bad chain index and the reason', () => {
    expect(squash(renderVerify(ctx(), STATES.intact ?? { state: 'idle' }))).toContain(
      '<div class="verdict verdict-intact" role="status"><p><strong>The chain is intact: 12 records verified from index 0.</strong></p><p>Signed checkpoints: 1. The last seals records 0 to 9; records after it, not yet sealed: 1.</p>',
    );
    const broken = squash(renderVerify(ctx(), STATES.broken ?? { state: 'idle' }));
    expect(broken).toContain('<dt>First bad chain index</dt><dd><strong class="bad-index">4</strong></dd>');
    expect(broken).toContain('<bdi>the stored hash is not SHA-256 of the record</bdi>');
    expect(broken).not.toContain('http-equiv');
  });
});

describe('the records page', () => {
  test('a filter that is not valid is marked on its field and explained', () => {
    const markup = renderRecords(ctx(), recordsModel({ invalid: ['agency'], typed: { agency: 'X' }, rows: [], matched: 0 }));
    expect(tags(markup, 'input').find((i) => i.name === 'agency')).toMatchObject({
      value: 'X',
      'aria-invalid': 'true',
      'aria-describedby': 'f-agency-hint f-agency-error',
    });
    expect(markup).toContain('<p class="field-error" id="f-agency-error">Expected an agency id such as it-police.</p>');
    expect(markup).not.toContain('<table');
  });

  test('pages: links to the previous and next page keep the filters', () => {
    const markup = renderRecords(ctx(), recordsModel({ query: { kind: 'VIEW', page: 2 }, matched: 120 }));
    const links = tags(markup, 'a').filter((a) => a.rel);
    expect(links).toEqual([
      { href: '/records?kind&#61;VIEW', rel: 'prev' },
      { href: '/records?kind&#61;VIEW&amp;page&#61;3', rel: 'next' },
    ]);
    expect(markup).toContain('Page 2 of 3');
  });
});

describe('the trail and the charts', () => {
  test("the trail links the proofs' download and says which records are proved", () => {
    const markup = renderTrail(ctx(), collect(new TrailCollector(NOTICE), fx.records).model());
    expect(tags(markup, 'a')).toContainEqual({ href: `/notices/${NOTICE}/proofs.jsonl`, download: '' });
    expect(markup.match(/<span class="verified">verifies<\/span>/g)).toHaveLength(5);
    expect(markup.match(/<span class="not-given">not yet sealed<\/span>/g)).toHaveLength(1);
  });

  test('each chart is an SVG named by its title and description, drawn with classes, with a table of the same figures', () => {
    const markup = renderCharts(ctx(), collect(new ChartsCollector(), fx.records).model());
    const svgs = tags(markup, 'svg');
    expect(svgs.map((s) => s['aria-labelledby'])).toEqual(['per-day-title per-day-desc', 'quarantine-title quarantine-desc']);
    for (const id of ['per-day-title', 'per-day-desc', 'quarantine-title', 'quarantine-desc']) expect(markup).toContain(`id="${id}"`);
    expect(svgs.every((s) => s.role === 'img')).toBe(true);
    expect(tags(markup, 'rect').filter((r) => r.class === 'kind-quarantined')).toEqual([
      expect.objectContaining({ class: 'kind-quarantined', width: expect.any(String), height: expect.any(String) }),
    ]);
    expect(tags(markup, 'rect').filter((r) => r.class === 'quarantine-bar')).toHaveLength(2);
    const tables = squash(markup);
    expect(tables).toContain('<th scope="row">2026-11-29</th>');
    expect(tables).toContain('<th scope="row"><code><bdi>E_SIGNATURE_INVALID</bdi></code></th><td class="num">2</td>');
  });
});
