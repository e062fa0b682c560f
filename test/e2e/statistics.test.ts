/**
 * Statistics through a live stack: issuers publish, routing sends the statistics service
 * core facts and profiles only, the service releases the closed period signed by the bus,
 * and a research agency reads it with `accord stats` and through its node's API; a
 * withdrawal and an update make a new version; what issuers do not count stays out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { publishSubmission, signNotice } from '../../libs/client/index.js';
import { waitFor } from '../../libs/polling/index.js';
import { timestampFromDate, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import type { Release, ReleaseTable } from '../../libs/statistics/index.js';
import type { RunningService } from '../../services/shared/run-service.js';
import { awaitDecision, waitForAuditRecord } from '../harness/bus-readers.js';
import { call } from '../harness/node-http.js';
import { startNodeProcess, tokenIn, type NodeProcess } from '../harness/node-process.js';
import { runCli as accord } from '../harness/run-cli.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency, type AgencySpec, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, startTestStatistics, type TestServices } from '../harness/test-services.js';

/** Periods of a minute; every notice is dated in one that closed a minute ago (ingest accepts five minutes back). */
const PERIOD_SECONDS = 60;
const periodStart = new Date(Math.floor((Date.now() - 2 * PERIOD_SECONDS * 1000) / (PERIOD_SECONDS * 1000)) * PERIOD_SECONDS * 1000);
const PERIOD = `${periodStart.toISOString().slice(0, 19)}Z`;
const issuedAt = timestampFromDate(new Date(periodStart.getTime() + 10_000));

const files = mkdtempSync(join(tmpdir(), 'accord-statistics-'));
const nodeDir = join(files, 'node-un-research');
let bus: TestBus;
let services: TestServices;
let statistics: RunningService | undefined;
let node: NodeProcess | undefined;
let token = '';
const agencies = new Map<string, TestAgency>();
const counted: string[] = [];

async function published(agency: string, overrides: Partial<CaseNoticeProps>): Promise<string> {
  const key = agencies.get(agency)?.key;
  if (!key) throw new Error(`no agency ${agency}`);
  const notice = sampleNotice(agency, { issuedAt, addressees: [], ...overrides });
  const { seq } = await publishSubmission(bus.js, agency, notice.noticeId ?? '', await signNotice(notice, key));
  const decision = await awaitDecision(bus.nc, agency, seq, 20_000);
  expect(decision.status, `${decision.code} ${decision.path}`).toBe(v1.DecisionStatus.DECISION_ACCEPTED);
  return notice.noticeId ?? '';
}

async function ok(...args: string[]): Promise<string> {
  const run = await accord(...args);
  if (run.status !== 0) throw new Error(`accord ${args.join(' ')}: ${run.status}\n${run.stderr}`);
  return run.stdout;
}

async function releasesOf(agency: string): Promise<Release[]> {
  return JSON.parse(await ok('stats', '--as', agency, '--dir', bus.dir, '--format', 'json')) as Release[];
}

/** Waits until the research agency's latest release of the period satisfies `done`. */
async function latestRelease(what: string, done: (r: Release) => boolean): Promise<Release> {
  return waitFor(what, 60_000, async () => {
    const release = (await releasesOf('un-research')).find((r) => r.period === PERIOD);
    return release && done(release) ? release : undefined;
  });
}

const table = (release: Release, id: string): ReleaseTable => {
  const found = release.tables.find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id} in the release`);
  return found;
};
const cell = (release: Release, id: string, key: string) => table(release, id).cells.find((c) => c.key === key);

beforeAll(async () => {
  bus = await startTestBus();
  const specs: AgencySpec[] = [
    { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] },
    { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] },
    { id: 'un-research', country: 'AT', role: 'research', groups: ['med'] },
    { id: 'eu-research', country: 'BE', role: 'research', groups: ['atl'] },
  ];
  for (const spec of specs) agencies.set(spec.id, await registerAgency(bus, spec));
  services = await startTestServices(bus, { withoutStatistics: true });
  // 18 counted notices (GREEN and AMBER): 10 alerts and 6 requests by sea, 2 intelligence reports by land.
  for (let i = 0; i < 6; i++) counted.push(await published('it-police', { tlp: v1.Tlp.GREEN }));
  for (let i = 0; i < 4; i++) counted.push(await published('ly-coastguard', { tlp: v1.Tlp.AMBER }));
  for (let i = 0; i < 6; i++) {
    counted.push(await published('it-police', { tlp: v1.Tlp.AMBER, type: v1.NoticeType.REQUEST_FOR_INFORMATION }));
  }
  for (let i = 0; i < 2; i++) {
    counted.push(await published('ly-coastguard', { tlp: v1.Tlp.GREEN, type: v1.NoticeType.INTELLIGENCE_REPORT, mode: v1.Mode.LAND }));
  }
  // Not counted: RED and AMBER_STRICT, by default.
  await published('it-police', { tlp: v1.Tlp.RED });
  await published('it-police', { tlp: v1.Tlp.AMBER_STRICT });
  await ok('node', 'init', '--agency', 'un-research', '--dir', nodeDir, '--stack', bus.dir);
  token = tokenIn(await ok('node', 'token', 'create', '--name', 'analysts', '--scope', 'read', '--dir', nodeDir));
  node = await startNodeProcess(nodeDir);
}, 180_000);

afterAll(async () => {
  await node?.stop();
  await statistics?.stop();
  await services?.stop();
  await bus?.dispose();
  rmSync(files, { recursive: true, force: true });
});

describe('a research agency reads statistics, not cases, end to end', () => {
  test('before any period is released, accord stats exits 0 and says there is nothing yet', async () => {
    const run = await accord('stats', '--as', 'un-research', '--dir', bus.dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^no releases yet/);
  });

  test('the closed period is released to it, signed by the bus and verified by accord stats', async () => {
    statistics = await startTestStatistics(bus, PERIOD_SECONDS, 1);
    const release = await latestRelease('the release counting all 18 notices', (r) => table(r, 'notices.type').total.value === 18);
    expect(release).toMatchObject({ period: PERIOD, unit: 'notice', disclosure: { k: 5, p: 5 } });
    expect(release.note).toMatch(/not the incident/);
    expect(cell(release, 'notices.type', 'ALERT')).toEqual({ key: 'ALERT', value: 10, suppressed: false });
    expect(cell(release, 'notices.type', 'REQUEST_FOR_INFORMATION')).toMatchObject({ suppressed: true });
    expect(cell(release, 'persons.role', 'SMUGGLED_MIGRANT')).toEqual({ key: 'SMUGGLED_MIGRANT', value: 18, suppressed: false });
  });

  test('it says which issuers it covers and at which levels', async () => {
    const [release] = await releasesOf('un-research');
    expect(release?.coverage).toEqual([
      { issuer: 'it-police', countedTlp: ['CLEAR', 'GREEN', 'AMBER'] },
      { issuer: 'ly-coastguard', countedTlp: ['CLEAR', 'GREEN', 'AMBER'] },
    ]);
  });

  test('a cell below k is suppressed, and so is the smallest other of its table, so the total does not give it away', async () => {
    const [release] = await releasesOf('un-research');
    if (!release) throw new Error('no release');
    expect(cell(release, 'notices.type', 'INTELLIGENCE_REPORT')).toEqual({ key: 'INTELLIGENCE_REPORT', value: null, suppressed: true });
    expect(
      table(release, 'notices.type')
        .cells.filter((c) => c.suppressed)
        .map((c) => c.key),
    ).toEqual(['REQUEST_FOR_INFORMATION', 'INTELLIGENCE_REPORT']);
    expect(cell(release, 'notices.mode', 'LAND')).toMatchObject({ suppressed: true });
  });

  test('its node serves the same release over its API, as JSON and as CSV', async () => {
    const [fromCli] = await releasesOf('un-research');
    const json = await call(node?.url ?? '', 'GET', `/api/v1/statistics?period=${encodeURIComponent(PERIOD)}`, { token });
    expect(json.status, json.text).toBe(200);
    expect((json.body as { releases: Release[] }).releases).toEqual([fromCli]);
    const csv = await call(node?.url ?? '', 'GET', '/api/v1/statistics?format=csv', { token });
    expect(csv.status, csv.text).toBe(200);
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('period,version,table,measure,dimension,role,key,value,suppressed');
    expect(csv.text).toContain(`${PERIOD},${fromCli?.version},notices.type,notices,type,,ALERT,10,false`);
  });

  test('accord stats prints CSV rows for the dimensions asked for only', async () => {
    const out = await ok('stats', '--as', 'un-research', '--dir', bus.dir, '--by', 'mode', '--format', 'csv');
    const rows = out.trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.split(',')[4] === 'mode')).toBe(true);
  });

  test('an agency that is not a research body receives no release; every research body gets its own copy', async () => {
    expect(await releasesOf('it-police')).toEqual([]);
    expect((await releasesOf('eu-research')).map((r) => r.period)).toContain(PERIOD);
  });

  test('each release is in the audit stream with its period and version', async () => {
    const record = await waitForAuditRecord(bus, (r) => r.event?.kind === v1.AuditKind.STATISTICS && r.event.period === PERIOD, 30_000);
    expect(record.event?.releaseVersion).toBeGreaterThanOrEqual(1);
    expect(record.event?.recipients).toEqual(['eu-research', 'un-research']);
  });

  test('withdrawals and updates make a new version once more than k notices changed: the withdrawn leave it, the updated count once', async () => {
    const [before] = await releasesOf('un-research');
    // Six notices changed (k + 1): three of it-police's alerts withdrawn, three updated to travel by air.
    const [w1, u1, w2, w3, u2, u3] = counted;
    for (const withdrawn of [w1, w2, w3]) {
      await published('it-police', {
        tlp: v1.Tlp.RED,
        type: v1.NoticeType.CASE_UPDATE,
        summary: 'Named the wrong person.',
        persons: [],
        conveyances: [],
        financial: [],
        locations: [],
        relations: [{ kind: v1.RelationKind.WITHDRAWAL, noticeId: withdrawn ?? '', withdrawalCode: v1.WithdrawalCode.WRONG_PERSON }],
      });
    }
    for (const updated of [u1, u2, u3]) {
      await published('it-police', {
        tlp: v1.Tlp.GREEN,
        mode: v1.Mode.AIR,
        relations: [{ kind: v1.RelationKind.UPDATE, noticeId: updated ?? '' }],
      });
    }
    const after = await latestRelease(
      'a version without the withdrawn notices',
      (r) => r.version > (before?.version ?? 0) && table(r, 'notices.type').total.value === 15,
    );
    expect(after.version).toBe((before?.version ?? 0) + 1);
    // Three alerts withdrawn; the three updated still alerts (counted once each), now by air (a cell below k).
    expect(cell(after, 'notices.type', 'ALERT')).toEqual({ key: 'ALERT', value: 7, suppressed: false });
    expect(cell(after, 'notices.mode', 'AIR')).toMatchObject({ suppressed: true });
    // Suppressed before, suppressed still.
    expect(cell(after, 'notices.type', 'REQUEST_FOR_INFORMATION')).toMatchObject({ suppressed: true });
    const all = JSON.parse(await ok('stats', '--as', 'un-research', '--dir', bus.dir, '--all-versions', '--json')) as Release[];
    expect(all.filter((r) => r.period === PERIOD).map((r) => r.version)).toEqual(Array.from({ length: after.version }, (_, i) => i + 1));
  });

  test("an issuer's choice of what counts is recorded in the audit stream", async () => {
    await ok('agency', 'statistics', 'ly-coastguard', '--count', 'CLEAR,GREEN', '--dir', bus.dir);
    const record = await waitForAuditRecord(
      bus,
      (r) => r.event?.kind === v1.AuditKind.POLICY && r.event.action === 'statistics-counting' && r.event.agency === 'ly-coastguard',
      30_000,
    );
    expect(record.event?.countedTlp).toEqual([v1.Tlp.CLEAR, v1.Tlp.GREEN]);
  });
});
